namespace ArtSouk.Search.Analysis;

/// <summary>
/// Art and place vocabulary in both languages, so an English query finds content written only in Arabic (and the
/// reverse) through its subject, medium or city. Names need no entry: <see cref="NameKey"/> carries them across scripts.
/// </summary>
public static class Glossary
{
    private static readonly (string English, string Arabic)[] Pairs =
    [
        ("art", "فن فنون"), ("artist", "فنان فنانه رسام"), ("artwork", "عمل لوحه"), ("painting", "لوحه رسم"), ("painter", "رسام"),
        ("drawing", "رسم"), ("sculpture", "نحت منحوته مجسم"), ("sculptor", "نحات"), ("photography", "تصوير"), ("photograph", "صوره"),
        ("photographer", "مصور"), ("calligraphy", "خط"), ("calligrapher", "خطاط"), ("print", "طباعه طبعه"), ("printmaking", "طباعه"),
        ("ceramics", "خزف فخار"), ("ceramic", "خزف"), ("pottery", "فخار"), ("textile", "نسيج"), ("weaving", "نسيج حياكه"), ("sadu", "سدو"),
        ("installation", "تركيب تركيبي"), ("digital", "رقمي"), ("video", "فيديو"), ("mixed", "مختلطه"), ("media", "وسائط"),
        ("oil", "زيت زيتيه"), ("acrylic", "اكريليك"), ("watercolor", "مائيه"), ("watercolour", "مائيه"), ("canvas", "قماش"), ("paper", "ورق"),
        ("ink", "حبر"), ("gold", "ذهب"), ("bronze", "برونز"), ("wood", "خشب"), ("glass", "زجاج"), ("stone", "حجر"), ("clay", "طين"),
        ("portrait", "بورتريه"), ("landscape", "منظر"), ("abstract", "تجريد تجريدي"), ("modern", "حديث"), ("contemporary", "معاصر"),
        ("traditional", "تقليدي تراث"), ("heritage", "تراث"), ("desert", "صحراء"), ("sea", "بحر"), ("palm", "نخل نخله"), ("horse", "خيل حصان"),
        ("falcon", "صقر"), ("camel", "جمل ابل"), ("light", "ضوء نور"), ("color", "لون الوان"), ("colour", "لون"), ("memory", "ذاكره"),
        ("city", "مدينه"), ("village", "قريه"), ("house", "بيت"), ("door", "باب"), ("mosque", "مسجد"), ("market", "سوق"), ("souk", "سوق"),
        ("exhibition", "معرض"), ("gallery", "معرض صاله"), ("museum", "متحف"), ("fair", "معرض"), ("festival", "مهرجان"), ("talk", "ندوه"),
        ("lecture", "محاضره"), ("opening", "افتتاح"), ("workshop", "ورشه"), ("course", "دوره"), ("beginner", "مبتدئ"), ("children", "اطفال"),
        ("collection", "مجموعه"), ("journal", "مجله"), ("article", "مقال"), ("biennale", "بينالي"), ("week", "اسبوع"), ("night", "ليل ليله"),
        ("riyadh", "رياض"), ("jeddah", "جده"), ("dammam", "دمام"), ("khobar", "خبر"), ("mecca", "مكه"), ("makkah", "مكه"), ("medina", "مدينه"),
        ("alula", "علا"), ("abha", "ابها"), ("taif", "طايف"), ("diriyah", "درعيه"), ("dubai", "دبي"), ("doha", "دوحه"), ("kuwait", "كويت"),
        ("manama", "منامه"), ("muscat", "مسقط"), ("saudi", "سعود"), ("arabia", "عرب"), ("arabic", "عرب"), ("women", "نساء"), ("woman", "امراه"),
    ];

    private static readonly Dictionary<string, string[]> Map = Build();

    /// <summary>Stems in the other language for one stem (English stem to Arabic stems, Arabic stem to English stems).</summary>
    public static IReadOnlyList<string> Translate(string stem) => Map.TryGetValue(stem, out var found) ? found : [];

    private static Dictionary<string, string[]> Build()
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (english, arabic) in Pairs)
        {
            var en = TextAnalyzer.English(english);
            foreach (var word in arabic.Split(' '))
            {
                foreach (var ar in ArabicStemmer.Stems(word))
                {
                    Link(map, en, ar);
                    Link(map, ar, en);
                }
            }
        }
        return map.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Link(Dictionary<string, HashSet<string>> map, string from, string to)
    {
        if (!map.TryGetValue(from, out var set))
        {
            map[from] = set = [];
        }
        set.Add(to);
    }
}

/// <summary>How many edits a query word may be away from an indexed word: more for longer words.</summary>
public static class Typos
{
    public static int MaxEdits(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length switch
        {
            <= 3 => 0,
            <= 7 => 1,
            _ => 2,
        };
    }
}
