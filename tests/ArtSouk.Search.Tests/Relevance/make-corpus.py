import json
D=[]
def doc(id,type,ar,en,city=None,category=None,year=None,names=None):
    D.append(dict(id=id,type=type,ar=ar,en=en,city=city,category=category,year=year,names=names))
def t(title,body=""): return dict(title=title,body=body)
# artists
doc("a01","artist",t("نوف الحربي","رسامة من الرياض تعمل بالزيت على القماش، تستلهم أعمالها من أحياء المدينة القديمة ومواقع الهدم."),t("Nouf Al-Harbi","A Riyadh painter working in oil on canvas, drawing on the old neighbourhoods of the city and its demolition sites."),("الرياض","Riyadh"),"painting",1982)
doc("a02","artist",t("محمد القحطاني","خطاط من جدة يكتب بالخط الكوفي والثلث بالحبر على الورق."),t("Mohammed Al-Qahtani","A calligrapher from Jeddah writing Kufic and Thuluth script in ink on paper."),("جدة","Jeddah"),"calligraphy",1975)
doc("a03","artist",t("عبدالرحمن الغامدي","نحات من أبها يعمل بالبرونز والحجر."),t("Abdulrahman Al-Ghamdi","A sculptor from Abha working in bronze and stone."),("أبها","Abha"),"sculpture",1979)
doc("a04","artist",t("عبد الله الشهري","مصور فوتوغرافي من الدمام يصور الصحراء والساحل الشرقي."),t("Abdullah Al-Shehri","A photographer from Dammam who photographs the desert and the eastern coast."),("الدمام","Dammam"),"photography",1985)
doc("a05","artist",t("فاطمة الزهراني","خزافة من جدة تصنع أواني خزفية بالأزرق."),t("Fatimah Al-Zahrani","A ceramicist from Jeddah making vessels glazed in blue."),("جدة","Jeddah"),"ceramics",1990)
doc("a06","artist",t("يوسف العتيبي","فنان رقمي يعمل بالفيديو والبرمجة."),t("Yousef Al-Otaibi","A digital artist working with video and code."),("الرياض","Riyadh"),"digital",1993)
doc("a07","artist",t("ريم الدوسري","فنانة نسيج تعيد قراءة السدو بخيوط معاصرة."),t("Reem Al-Dossary","A textile artist rereading Sadu weaving with contemporary threads."),("الخبر","Khobar"),"textile",1988)
doc("a08","artist",t("خالد المطيري","فنان طباعة من الكويت."),t("Khalid Al-Mutairi","A printmaker from Kuwait."),("الكويت","Kuwait"),"print",1970)
doc("a09","artist",t("سارة الشمري","فنانة تركيبية من حائل تعمل بالضوء والخيوط."),t("Sara Al-Shammari","An installation artist from Hail working with light and thread."),("حائل","Hail"),"installation",1991)
doc("a10","artist",t("حسين الجشي","رسام من القطيف يرسم النخيل والبحر."),t("Hussain Al-Jishi","A painter from Qatif who paints palms and the sea."),("القطيف","Qatif"),"painting",1960)
doc("a11","artist",t("ليلى المناعي","مصورة من الدوحة."),t("Layla Al-Mannai","A photographer from Doha."),("الدوحة","Doha"),"photography",1984)
doc("a12","artist",t("عبدالعزيز السبيعي","خطاط يكتب بخط الثلث."),t("Abdulaziz Al-Subaie","A calligrapher writing in Thuluth."),("الرياض","Riyadh"),"calligraphy",1968)
doc("a13","artist",t("ظافر الشهراني","رسام من أبها يرسم جبال عسير بالألوان المائية."),t("Dhafer Al-Shahrani","A painter from Abha who paints the Asir mountains in watercolour."),("أبها","Abha"),"painting",1977)
doc("a14","artist",t("جواهر السديري","رسامة تعمل بالأكريليك على بيوت الطين."),t("Jawaher Al-Sudairi","A painter working in acrylic on mud houses."),("الرياض","Riyadh"),"painting",1986)
doc("a15","artist",t("عثمان الخزيم","نحات من بريدة ينحت الخيل في الحجر."),t("Othman Al-Khuzaim","A sculptor from Buraidah carving horses in stone."),("بريدة","Buraidah"),"sculpture",1965)
doc("a16","artist",t("منيرة الموصلي","رائدة من رائدات الفن التشكيلي السعودي، رسمت المرأة والقهوة والبيت."),None,("الرياض",None),"painting",1954)
doc("a17","artist",t("صالح الزهراني","نحات شاب من الباحة."),None,("الباحة",None),"sculpture",1995)
doc("a18","artist",t("هيا العنزي","مصورة من عرعر تصور الحياة في الشمال."),None,("عرعر",None),"photography",1992)
doc("a19","artist",None,t("Daniel Brooks","A British photographer based in Dubai, photographing the city at night."),(None,"Dubai"),"photography",1980)
doc("a20","artist",t("مها الملوح","فنانة تجمع الأواني المنزلية القديمة في أعمال تركيبية."),t("Maha Malluh","An artist assembling old household vessels into installations."),("الرياض","Riyadh"),"installation",1959)
# artworks
doc("w01","artwork",t("رافعات في الضحى","ثلاث رافعات فوق أرض شمال الرياض، زيت على قماش، رُسمت عام ٢٠١٩."),t("Cranes at Mid-Morning","Three cranes over ground in north Riyadh, oil on canvas, painted in 2019."),("الرياض","Riyadh"),"painting",2019,"نوف الحربي Nouf Al-Harbi")
doc("w02","artwork",t("أبواب المربع","أبواب حديدية صغيرة من بيوت حي المربع، وسائط مختلطة."),t("Doors of Al-Murabba","Small iron doors from the houses of Al-Murabba, mixed media."),("الرياض","Riyadh"),"mixed-media",2021,"نوف الحربي Nouf Al-Harbi")
doc("w03","artwork",t("نور بالخط الكوفي","كلمة نور بالخط الكوفي، حبر على ورق، ٢٠١٨."),t("Noor in Kufic Script","The word Noor in Kufic script, ink on paper, 2018."),("جدة","Jeddah"),"calligraphy",2018,"محمد القحطاني Mohammed Al-Qahtani")
doc("w04","artwork",t("الصقر","منحوتة صقر من البرونز، ٢٠٢٠."),t("The Falcon","A bronze sculpture of a falcon, 2020."),("أبها","Abha"),"sculpture",2020,"عبدالرحمن الغامدي Abdulrahman Al-Ghamdi")
doc("w05","artwork",t("صور من الصحراء","سلسلة صور فوتوغرافية للكثبان في الربع الخالي، ٢٠١٧."),t("Desert Photographs","A series of photographs of the dunes of the Empty Quarter, 2017."),("الدمام","Dammam"),"photography",2017,"عبد الله الشهري Abdullah Al-Shehri")
doc("w06","artwork",t("أوانٍ خزفية زرقاء","أوانٍ من الخزف المزجج بالأزرق، ٢٠٢٢."),t("Blue Ceramic Vessels","Vessels of ceramic glazed in blue, 2022."),("جدة","Jeddah"),"ceramics",2022,"فاطمة الزهراني Fatimah Al-Zahrani")
doc("w07","artwork",t("ذاكرة رقمية","عمل فيديو رقمي عن ذاكرة المدينة، ٢٠٢٣."),t("Digital Memory","A digital video work on the memory of the city, 2023."),("الرياض","Riyadh"),"digital",2023,"يوسف العتيبي Yousef Al-Otaibi")
doc("w08","artwork",t("نسيج السدو","نسيج من الصوف بنقوش السدو، ٢٠١٦."),t("Sadu Weaving","A wool weaving with Sadu patterns, 2016."),("الخبر","Khobar"),"textile",2016,"ريم الدوسري Reem Al-Dossary")
doc("w09","artwork",t("طبعات الميناء","طبعات حجرية لميناء الكويت القديم، ٢٠١٥."),t("Harbour Prints","Lithograph prints of the old harbour of Kuwait, 2015."),("الكويت","Kuwait"),"print",2015,"خالد المطيري Khalid Al-Mutairi")
doc("w10","artwork",t("خيوط الضوء","عمل تركيبي من خيوط مضيئة، ٢٠٢٤."),t("Threads of Light","An installation of glowing threads, 2024."),("حائل","Hail"),"installation",2024,"سارة الشمري Sara Al-Shammari")
doc("w11","artwork",t("نخيل القطيف","لوحة زيتية لنخيل القطيف، ١٩٩٨."),t("Palms of Qatif","An oil painting of the palms of Qatif, 1998."),("القطيف","Qatif"),"painting",1998,"حسين الجشي Hussain Al-Jishi")
doc("w12","artwork",t("نساء الدوحة","صور فوتوغرافية لنساء في أسواق الدوحة، ٢٠١٢."),t("Women of Doha","Photographs of women in the markets of Doha, 2012."),("الدوحة","Doha"),"photography",2012,"ليلى المناعي Layla Al-Mannai")
doc("w13","artwork",t("البسملة بخط الثلث","البسملة بخط الثلث بالحبر والذهب، ٢٠١٠."),t("Bismillah in Thuluth","The Basmala in Thuluth script in ink and gold, 2010."),("الرياض","Riyadh"),"calligraphy",2010,"عبدالعزيز السبيعي Abdulaziz Al-Subaie")
doc("w14","artwork",t("جبال عسير","ألوان مائية على ورق، ٢٠١٩."),t("Asir Mountains","Watercolour on paper, 2019."),("أبها","Abha"),"painting",2019,"ظافر الشهراني Dhafer Al-Shahrani")
doc("w15","artwork",t("حصان عربي","منحوتة حصان من الحجر، ٢٠٠٥."),t("Arabian Horse","A stone sculpture of a horse, 2005."),("بريدة","Buraidah"),"sculpture",2005,"عثمان الخزيم Othman Al-Khuzaim")
doc("w16","artwork",t("بيوت الطين","أكريليك على قماش يصور بيوت الطين في الدرعية، ٢٠١٤."),t("Mud Houses","Acrylic on canvas showing the mud houses of Diriyah, 2014."),("الرياض","Riyadh"),"painting",2014,"جواهر السديري Jawaher Al-Sudairi")
doc("w17","artwork",t("قهوة الصباح","امرأة تصب القهوة العربية في الصباح، زيت على قماش، ١٩٨٥."),None,("الرياض",None),"painting",1985,"منيرة الموصلي")
doc("w18","artwork",None,t("Dubai Nights","Long exposures of Dubai's towers at night, 2020."),(None,"Dubai"),"photography",2020,"Daniel Brooks")
doc("w19","artwork",t("البحر الأحمر","لوحة بالألوان المائية لساحل البحر الأحمر، ٢٠٢٢."),t("The Red Sea","A watercolour of the Red Sea coast, 2022."),("جدة","Jeddah"),"painting",2022,"ظافر الشهراني Dhafer Al-Shahrani")
doc("w20","artwork",t("أوانٍ قديمة","عمل تركيبي من أوانٍ نحاسية قديمة."),t("Old Vessels","An installation of old copper pots."),("الرياض","Riyadh"),"installation",2011,"مها الملوح Maha Malluh")
# galleries
doc("g01","gallery",t("هجر للفن المعاصر","صالة عرض في حي جاكس بالرياض."),t("Hajar Contemporary","A gallery in the JAX district of Riyadh."),("الرياض","Riyadh"))
doc("g02","gallery",t("أثر","صالة للفن المعاصر في جدة."),t("Athr Gallery","A contemporary art gallery in Jeddah."),("جدة","Jeddah"))
doc("g03","gallery",t("صالة حافظ","صالة في جدة تعرض الفن الحديث."),t("Hafez Gallery","A Jeddah gallery showing modern art."),("جدة","Jeddah"))
doc("g04","gallery",t("صالة الفنون بالدمام","صالة عرض للفنانين الشباب في المنطقة الشرقية."),None,("الدمام",None))
doc("g05","gallery",None,t("Alaan Artspace","An art space and cafe in Riyadh."),(None,"Riyadh"))
# events
doc("e01","event",t("معرض الفنانين السعوديين","معرض جماعي لأعمال الفنانين السعوديين في الرياض، ٢٠٢٤."),t("Saudi Artists Exhibition","A group exhibition of works by Saudi artists in Riyadh, 2024."),("الرياض","Riyadh"),"exhibition",2024)
doc("e02","event",t("أسبوع الفن في جدة","أسبوع من المعارض والجولات في جدة."),t("Jeddah Art Week","A week of exhibitions and tours in Jeddah."),("جدة","Jeddah"),"festival",2023)
doc("e03","event",t("ندوة: الخط العربي اليوم","ندوة يتحدث فيها خطاطون عن الخط العربي المعاصر."),t("Talk: Arabic Calligraphy Today","Calligraphers talk about contemporary Arabic calligraphy."),("الرياض","Riyadh"),"talk",2024)
doc("e04","event",t("بينالي الدرعية","بينالي الدرعية للفن المعاصر ٢٠٢٤."),t("Diriyah Biennale","The Diriyah Contemporary Art Biennale 2024."),("الرياض","Riyadh"),"exhibition",2024)
doc("e05","event",t("افتتاح معرض نوف الحربي","افتتاح المعرض الفردي للفنانة نوف الحربي في هجر."),t("Opening: Nouf Al-Harbi Solo Show","The opening of Nouf Al-Harbi's solo show at Hajar."),("الرياض","Riyadh"),"opening",2025,"نوف الحربي Nouf Al-Harbi")
# workshops
doc("k01","workshop",t("ورشة الخزف للمبتدئين","تعلم تشكيل الطين وتزجيج الخزف."),t("Ceramics for Beginners","Learn to shape clay and glaze ceramics."),("جدة","Jeddah"),None,2025)
doc("k02","workshop",t("ورشة الخط الكوفي","أساسيات الخط الكوفي بالقصبة والحبر."),t("Kufic Calligraphy Workshop","The basics of Kufic calligraphy with reed pen and ink."),("الرياض","Riyadh"),None,2025)
doc("k03","workshop",t("التصوير بالهاتف","ورشة في التصوير الفوتوغرافي بالهاتف المحمول."),t("Phone Photography","A workshop in photography with a mobile phone."),("الدمام","Dammam"),None,2025)
doc("k04","workshop",t("ورشة الرسم بالألوان المائية","ورشة للرسم بالألوان المائية للمبتدئين."),None,("أبها",None),None,2025)
# articles
doc("r01","article",t("في مرسم نوف الحربي","زيارة إلى مرسم نوف الحربي في حي جاكس حيث تتكدس قطع البلاط والأبواب."),t("In Nouf Al-Harbi's Studio","A visit to Nouf Al-Harbi's studio in JAX, full of tiles and doors."),None,None,2025,"نوف الحربي Nouf Al-Harbi")
doc("r02","article",t("كيف تبدأ مجموعتك الفنية","نصائح لمن يقتني أول عمل فني."),t("How to Start Your Art Collection","Advice for collectors buying their first artwork."),None,None,2024)
doc("r03","article",t("تاريخ السدو","السدو نسيج البادية وتاريخه."),t("A History of Sadu","Sadu, the weaving of the Bedouin, and its history."),None,None,2023)
doc("r04","article",t("الفنانات السعوديات في الثمانينيات","جيل من الفنانات السعوديات في الثمانينيات (١٩٨٠-١٩٨٩)."),t("Saudi Women Artists of the 1980s","A generation of Saudi women artists in the 1980s."),None,None,2022,"منيرة الموصلي")
doc("r05","article",t("النحت في الحجر","كيف يختار النحات الحجر وكيف ينحت فيه."),None,None,None,2024)
# collections
doc("c01","collection",t("مختارات الصحراء","أعمال عن الصحراء والكثبان."),t("Desert Selection","Works about the desert and its dunes."))
doc("c02","collection",t("أعمال تحت ٥٠٠٠ ريال","أعمال فنية بأسعار تبدأ من ٥٠٠ ريال."),t("Works under 5000 riyals","Artworks priced from 500 riyals."))
Q=[]
def q(cat,text,*rel): Q.append(dict(category=cat,q=text,relevant=list(rel)))
O="orthography"
q(O,"فاطمه الزهراني","a05");q(O,"ليلي المناعي","a11");q(O,"اثر","g02");q(O,"الخَزَفُ","w06","k01","a05");q(O,"نسيـــج السدو","w08")
q(O,"مُحَمَّد القحطاني","a02");q(O,"جواهر السديرى","a14");q(O,"جبال عسیر","w14");q(O,"ورشه الخزف","k01");q(O,"إبداعات أوان خزفيه","w06");q(O,"الاحمر البحر","w19")
M="morphology"
q(M,"الفنانون السعوديون","e01");q(M,"فنانات سعوديات","r04");q(M,"لوحات زيتية","w11","w01");q(M,"المنحوتات","w04","w15");q(M,"بالخط الكوفي","w03","k02")
q(M,"والخزف","k01","w06","a05");q(M,"المبتدئون","k01","k04");q(M,"بيوت طينية","w16");q(M,"أبوابها","w02");q(M,"الرافعات","w01");q(M,"للنحاتين","a03","a15","r05","a17")
E="english-morphology"
q(E,"paintings of palms","w11");q(E,"photographs of the desert","w05");q(E,"sculptures","w04","w15");q(E,"calligraphers","a02","a12","e03");q(E,"exhibitions in Riyadh","e01","e04")
q(E,"ceramic vessel","w06");q(E,"harbours printing","w09");q(E,"beginner ceramic","k01");q(E,"collecting art","r02");q(E,"studios","r01")
T="transliteration"
q(T,"Muhammad Al Qahtani","a02");q(T,"Mohamed Qahtani","a02");q(T,"Abdel Rahman Ghamdi","a03");q(T,"Abd al-Rahman al-Ghamdi","a03");q(T,"Abdallah Shehri","a04")
q(T,"Fatima Zahrani","a05");q(T,"Youssef Otaibi","a06");q(T,"Rim Dosari","a07");q(T,"Khaled Mutairi","a08");q(T,"Sarah Shammari","a09")
q(T,"Hussein Jishi","a10");q(T,"Leila Mannai","a11");q(T,"Abdul Aziz Subaie","a12");q(T,"Zafer Shahrani","a13");q(T,"Uthman Khuzaim","a15")
q(T,"Mohamad Kahtani","a02");q(T,"Abdelrahman Alghamdy","a03");q(T,"Abdulla Al Shihri","a04");q(T,"Fatma Zahrany","a05");q(T,"Yusuf Oteibi","a06")
q(T,"Reem Dossari","a07");q(T,"Khalid Mteiri","a08");q(T,"Husain Al Jeshi","a10");q(T,"Laila El Mannaei","a11");q(T,"Jawahir Sudairy","a14")
X="cross-script"
q(X,"Munira Al Mosli","a16");q(X,"Haya Al-Anazi","a18");q(X,"Saleh Zahrani","a17");q(X,"دانيال بروكس","a19");q(X,"آلان","g05")
q(X,"نوف الحربي","a01");q(X,"Nouf Alharbi","a01");q(X,"يوسف العتيبي","a06");q(X,"Mounira Mousli","a16");q(X,"صالح","a17")
N="digits"
q(N,"١٩٩٨","w11");q(N,"1998","w11");q(N,"٢٠١٩ الرياض","w01");q(N,"2024 biennale","e04");q(N,"5000","c02")
q(N,"۱۹۸۰","r04");q(N,"معرض 2024","e01","e04");q(N,"2016 سدو","w08");q(N,"1980s","r04");q(N,"٥٠٠٠ ريال","c02")
Y="typos"
q(Y,"caligraphy","a02","a12","w03","k02","e03","w13");q(Y,"sculpure","w04","w15");q(Y,"photograpy","w05","w12","k03","a04","a11");q(Y,"ceramcs","w06","k01")
q(Y,"الخرف","w06","k01","a05");q(Y,"منحوطة","w04","w15");q(Y,"Jedah art week","e02");q(Y,"Riyadh exhibiton","e01");q(Y,"sadu weeving","w08");q(Y,"watercolur","w14","w19","a13")
W="multi-word"
q(W,"Nouf Al-Harbi studio","r01");q(W,"Arabic calligraphy talk","e03");q(W,"blue ceramic vessels","w06");q(W,"Jeddah art week","e02");q(W,"desert photographs","w05")
q(W,"kufic calligraphy workshop","k02");q(W,"history of sadu","r03");q(W,"مرسم نوف الحربي","r01");q(W,"افتتاح معرض نوف الحربي","e05");q(W,"معرض الفنانين السعوديين","e01")
L="cross-language"
q(L,"watercolor workshop","k04");q(L,"stone sculpture","r05","w15");q(L,"ليالي دبي","w18");q(L,"Dammam gallery","g04");q(L,"calligraphy","w03","a02","k02","e03","w13","a12")
q(L,"Arabic coffee painting","w17");q(L,"young sculptor","a17");q(L,"خزف","w06","k01","a05");q(L,"desert","w05","c01");q(L,"photographer in Arar","a18")
json.dump(dict(documents=D),open("corpus.json","w"),ensure_ascii=False,indent=1)
json.dump(dict(queries=Q),open("queries.json","w"),ensure_ascii=False,indent=1)
from collections import Counter
print(len(D),len(Q),Counter(x['category'] for x in Q))
ids={d['id'] for d in D}
for x in Q:
    for r in x['relevant']: assert r in ids,(x,r)
