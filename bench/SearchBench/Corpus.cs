using ArtSouk.Search;

namespace SearchBench;

/// <summary>
/// A bilingual catalogue shaped like Art Souk's: artists with a first and a family name in both scripts, artworks that
/// carry their artist's name, events, workshops, articles, galleries and collections; titles and bodies drawn from a
/// few hundred words with inflected Arabic forms (ال، و، ب prefixes; ات، ين، ة suffixes) and English inflections, with
/// Zipf-like frequencies so that a few words are common and most are rare, as in real text.
/// </summary>
internal static class Corpus
{
    private static readonly (string Ar, string En)[] First =
    [
        ("محمد", "Mohammed"), ("نوف", "Nouf"), ("عبدالله", "Abdullah"), ("فاطمة", "Fatimah"), ("يوسف", "Yousef"), ("ريم", "Reem"),
        ("خالد", "Khalid"), ("سارة", "Sara"), ("حسين", "Hussain"), ("ليلى", "Layla"), ("عبدالرحمن", "Abdulrahman"), ("منيرة", "Munira"),
        ("ظافر", "Dhafer"), ("جواهر", "Jawaher"), ("عثمان", "Othman"), ("هيا", "Haya"), ("صالح", "Saleh"), ("مها", "Maha"),
        ("زينب", "Zainab"), ("ماجد", "Majed"), ("أحمد", "Ahmed"), ("لولوة", "Lulwa"), ("فيصل", "Faisal"), ("دانة", "Dana"),
        ("عبدالعزيز", "Abdulaziz"), ("هند", "Hind"), ("سلطان", "Sultan"), ("شذى", "Shatha"), ("إبراهيم", "Ibrahim"), ("أسماء", "Asma"),
        ("طلال", "Talal"), ("غادة", "Ghada"), ("مشاعل", "Mashael"), ("بدر", "Badr"), ("رنا", "Rana"), ("ناصر", "Nasser"),
    ];

    private static readonly (string Ar, string En)[] Family =
    [
        ("الحربي", "Al-Harbi"), ("القحطاني", "Al-Qahtani"), ("الغامدي", "Al-Ghamdi"), ("الشهري", "Al-Shehri"), ("الزهراني", "Al-Zahrani"),
        ("العتيبي", "Al-Otaibi"), ("الدوسري", "Al-Dossary"), ("المطيري", "Al-Mutairi"), ("الشمري", "Al-Shammari"), ("الجشي", "Al-Jishi"),
        ("المناعي", "Al-Mannai"), ("السبيعي", "Al-Subaie"), ("الشهراني", "Al-Shahrani"), ("السديري", "Al-Sudairi"), ("الخزيم", "Al-Khuzaim"),
        ("العنزي", "Al-Anazi"), ("الملوح", "Malluh"), ("المحيسن", "Al-Muhaisen"), ("البقمي", "Al-Buqami"), ("السيد", "Al-Sayed"),
        ("الفرج", "Al-Faraj"), ("الرشيد", "Al-Rasheed"), ("الجهني", "Al-Juhani"), ("العمري", "Al-Omari"), ("الهاشمي", "Al-Hashemi"),
        ("التركي", "Al-Turki"), ("البلوي", "Al-Balawi"), ("الأحمدي", "Al-Ahmadi"), ("النعيمي", "Al-Nuaimi"), ("الكعبي", "Al-Kaabi"),
    ];

    private static readonly string[] StemsAr =
    [
        "لوحة", "صحراء", "بحر", "نخيل", "ضوء", "ذاكرة", "مدينة", "باب", "بيت", "طين", "خزف", "نسيج", "سدو", "خط", "كوفي", "منحوتة",
        "صقر", "خيل", "حجر", "ليل", "فنان", "معرض", "ورشة", "لون", "مائي", "زيت", "قماش", "حبر", "ورق", "رمل", "نجمة", "قمر", "شمس",
        "جبل", "واحة", "سوق", "مسجد", "قلعة", "نافذة", "مرآة", "وجه", "يد", "طائر", "سمكة", "شجرة", "وردة", "غيمة", "مطر", "ريح",
        "رحلة", "حلم", "صمت", "صوت", "أثر", "خريطة", "حكاية", "قصيدة", "رسالة", "طريق", "جسر", "ميناء", "قارب", "شراع", "لؤلؤ",
        "نحاس", "فضة", "ذهب", "زجاج", "خشب", "برونز", "فسيفساء", "زخرفة", "هندسة", "دائرة", "مربع", "خطوط", "ظل", "فجر", "غروب",
        "تراث", "حداثة", "هوية", "ذكرى", "أم", "طفولة", "حي", "قرية", "نجد", "حجاز", "عسير", "تهامة", "الأحساء", "صورة", "بورتريه",
    ];

    private static readonly string[] WordsEn =
    [
        "painting", "desert", "sea", "palm", "light", "memory", "city", "door", "house", "clay", "ceramic", "weaving", "sadu", "calligraphy",
        "kufic", "sculpture", "falcon", "horse", "stone", "night", "artist", "exhibition", "workshop", "colour", "watercolour", "oil",
        "canvas", "ink", "paper", "sand", "star", "moon", "sun", "mountain", "oasis", "market", "mosque", "fort", "window", "mirror",
        "face", "hand", "bird", "fish", "tree", "rose", "cloud", "rain", "wind", "journey", "dream", "silence", "voice", "trace", "map",
        "tale", "poem", "letter", "road", "bridge", "harbour", "boat", "sail", "pearl", "copper", "silver", "gold", "glass", "wood",
        "bronze", "mosaic", "ornament", "geometry", "circle", "square", "line", "shadow", "dawn", "sunset", "heritage", "modern", "identity",
        "mother", "childhood", "quarter", "village", "Najd", "Hejaz", "Asir", "Tihama", "Ahsa", "portrait", "vessel", "textile", "print",
    ];

    private static readonly string[] PrefixesAr = ["", "", "", "ال", "ال", "وال", "بال", "و", "لل"];
    private static readonly string[] SuffixesAr = ["", "", "", "", "ات", "ين", "ها"];
    private static readonly string[] SuffixesEn = ["", "", "", "s", "ing", "ed"];
    private static readonly (string Ar, string En)[] Cities =
        [("الرياض", "Riyadh"), ("جدة", "Jeddah"), ("أبها", "Abha"), ("الدمام", "Dammam"), ("حائل", "Hail"), ("المدينة المنورة", "Madinah"),
         ("مكة المكرمة", "Makkah"), ("الطائف", "Taif"), ("تبوك", "Tabuk"), ("العلا", "AlUla"), ("الخبر", "Khobar"), ("نجران", "Najran")];
    private static readonly (string Ar, string En)[] Media =
        [("زيت على قماش", "Oil on canvas"), ("ألوان مائية", "Watercolour"), ("حبر على ورق", "Ink on paper"), ("برونز", "Bronze"),
         ("خزف", "Ceramic"), ("تصوير فوتوغرافي", "Photography"), ("نسيج", "Textile"), ("وسائط مختلطة", "Mixed media")];
    private static readonly string[] Categories = ["painting", "calligraphy", "sculpture", "photography", "ceramics", "textile", "print", "mixed-media"];
    private static readonly string[] Types = ["artist", "artwork", "artwork", "artwork", "artwork", "event", "workshop", "article", "gallery", "collection"];

    /// <summary>Rank r of n with probability about 1/r: a few common words, a long tail of rare ones.</summary>
    private static int Zipf(Random random, int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(n + 1)) - 1));

    private static string Arabic(Random random) =>
        PrefixesAr[random.Next(PrefixesAr.Length)] + StemsAr[Zipf(random, StemsAr.Length)] + SuffixesAr[random.Next(SuffixesAr.Length)];

    private static string English(Random random) => WordsEn[Zipf(random, WordsEn.Length)] + SuffixesEn[random.Next(SuffixesEn.Length)];

    private static string Words(Random random, Func<Random, string> word, int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => word(random)));

    public static List<SearchDocument> Generate(int count, Random random)
    {
        var documents = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var type = Types[i % Types.Length];
            var first = First[random.Next(First.Length)];
            var family = Family[random.Next(Family.Length)];
            var city = Cities[Zipf(random, Cities.Length)];
            var medium = Media[random.Next(Media.Length)];
            var (titleAr, titleEn) = type switch
            {
                "artist" => ($"{first.Ar} {family.Ar}", $"{first.En} {family.En}"),
                "event" => ($"معرض {Words(random, Arabic, 2)}", $"{Words(random, English, 2)} exhibition"),
                "workshop" => ($"ورشة {Words(random, Arabic, 2)}", $"{Words(random, English, 2)} workshop"),
                "gallery" => ($"جاليري {family.Ar[2..]}", $"{family.En.Replace("Al-", "", StringComparison.Ordinal)} Gallery"),
                _ => (Words(random, Arabic, 1 + random.Next(4)), Words(random, English, 1 + random.Next(4))),
            };
            var bodyLength = 20 + random.Next(40);
            var names = type == "artist" ? "" : $"{first.Ar} {family.Ar}";
            var namesEn = type == "artist" ? "" : $"{first.En} {family.En}";
            var withMedium = type is "artwork" or "artist";
            documents.Add(new SearchDocument(Guid.NewGuid(), type,
                new SearchText(titleAr, Words(random, Arabic, bodyLength), names, $"ar-{i}", $"/ar/{type}/ar-{i}", city.Ar, withMedium ? medium.Ar : null, null),
                // One entry in ten has no English yet, as on the live site.
                i % 10 == 7 ? null : new SearchText(titleEn, Words(random, English, bodyLength), namesEn, $"en-{i}", $"/en/{type}/en-{i}", city.En, withMedium ? medium.En : null, null),
                withMedium ? Categories[random.Next(Categories.Length)] : null, 1950 + random.Next(75)));
        }
        return documents;
    }
}
