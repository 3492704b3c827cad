using System.Text.Json.Nodes;

namespace ArtSouk.Kernel.Delivery;

/// <summary>
/// Adds a property owned by another module (a listing's price and availability) to Delivery API items, so the CMS
/// shows commercial state without referencing the module that owns it.
/// </summary>
public interface IDeliveryItemExtension
{
    /// <summary>The property written on each item that has a value (<c>listing</c>).</summary>
    string PropertyName { get; }

    /// <summary>The values for those of <paramref name="entryIds"/> that have one; one call per page of items.</summary>
    Task<IReadOnlyDictionary<Guid, JsonNode>> ValuesAsync(IReadOnlyCollection<Guid> entryIds, CancellationToken cancellationToken);
}
