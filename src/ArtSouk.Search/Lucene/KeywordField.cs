using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;

namespace ArtSouk.Search.Lucene;

/// <summary>
/// A <see cref="StringField"/> (the whole value one term, no norms, no frequencies) whose token stream is kept per thread
/// rather than made per field. Lucene makes a <see cref="StringField"/>'s stream the first time the field is indexed,
/// and making one looks up each attribute's class under a process-wide lock; with a new field per value, as our
/// documents are built, that was a third of a rebuild's time (100,000 entries, about ten such fields each). The terms,
/// the stored value and the field's options in the index are those of a <see cref="StringField"/>.
/// </summary>
internal sealed class KeywordField(string name, string value, Field.Store stored)
    : Field(name, value, stored == Field.Store.YES ? StringField.TYPE_STORED : StringField.TYPE_NOT_STORED)
{
    [ThreadStatic]
    private static WholeValue? t_stream;

    /// <summary>
    /// The indexing chain consumes one field's stream to its end before it asks the next field for its own, on the
    /// thread that adds the document, so one stream per thread serves every keyword field in turn.
    /// </summary>
    public override TokenStream GetTokenStream(Analyzer analyzer)
    {
        var stream = t_stream ??= new WholeValue();
        stream.Value = GetStringValue(CultureInfo.InvariantCulture);
        return stream;
    }

    /// <summary>The value as one token, as Lucene's own stream for a <see cref="StringField"/> gives it.</summary>
    private sealed class WholeValue : TokenStream
    {
        private readonly ICharTermAttribute _term;
        private readonly IOffsetAttribute _offset;
        private bool _used = true;

        public WholeValue()
        {
            _term = AddAttribute<ICharTermAttribute>();
            _offset = AddAttribute<IOffsetAttribute>();
        }

        public string Value { get; set; } = "";

        public override bool IncrementToken()
        {
            if (_used)
            {
                return false;
            }
            ClearAttributes();
            _term.Append(Value);
            _offset.SetOffset(0, Value.Length);
            _used = true;
            return true;
        }

        public override void End()
        {
            base.End();
            _offset.SetOffset(Value.Length, Value.Length);
        }

        // The chain closes a field's stream when it is through with it; closing holds nothing to release here (a token
        // stream has no reader, unlike a tokenizer), so the thread's next keyword field resets and reuses it.
        public override void Reset()
        {
            base.Reset();
            _used = false;
        }
    }
}
