using System.Text.Json;
using System.Text.Json.Serialization;

namespace ArtSouk.Kernel.Json;

/// <summary>
/// A request property that tells "absent" (leave the stored value) from <c>null</c> (clear it), which a plain nullable
/// cannot: the converter only runs when the property is in the body.
/// </summary>
[JsonConverter(typeof(SettableConverterFactory))]
public readonly record struct Settable<T>
{
    private readonly T _value;

    public Settable(T value)
    {
        _value = value;
        IsSet = true;
    }

    /// <summary>True when the property was sent, even as <c>null</c>.</summary>
    public bool IsSet { get; }

    public T Value => IsSet ? _value : throw new InvalidOperationException("The property was not sent.");

    public static implicit operator Settable<T>(T value) => new(value);
}

/// <summary>Reads and writes <see cref="Settable{T}"/> as the bare value.</summary>
public sealed class SettableConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Settable<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SettableConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class SettableConverter<T> : JsonConverter<Settable<T>>
    {
        // A null token must reach Read, or an explicit null would look like an absent property.
        public override bool HandleNull => true;

        public override Settable<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<T>(ref reader, options)!);

        public override void Write(Utf8JsonWriter writer, Settable<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
