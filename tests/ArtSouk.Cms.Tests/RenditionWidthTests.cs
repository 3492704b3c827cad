using ArtSouk.Cms.Media;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ArtSouk.Cms.Tests;

public sealed class RenditionWidthTests
{
    private static Arbitrary<int> Widths() => Gen.Choose(1, 12_000).ToArbitrary();

    [Property]
    public Property No_rendition_is_wider_than_its_original() =>
        Prop.ForAll(Widths(), width => RenditionWidths.For(width).All(w => w <= width));

    [Property]
    public Property Every_original_gets_at_least_one_rendition() =>
        Prop.ForAll(Widths(), width => RenditionWidths.For(width).Count > 0);

    [Property]
    public Property Every_standard_width_the_original_reaches_is_made() =>
        Prop.ForAll(Widths(), width => RenditionWidths.Standard.Where(w => w <= width).All(RenditionWidths.For(width).Contains));

    [Property]
    public Property The_original_width_is_always_made_once() =>
        Prop.ForAll(Widths(), width => RenditionWidths.For(width).Count(w => w == width) == 1);

    [Theory]
    [InlineData(319, new[] { 319 })]
    [InlineData(320, new[] { 320 })]
    [InlineData(1279, new[] { 320, 640, 1279 })]
    [InlineData(1920, new[] { 320, 640, 1280, 1920 })]
    [InlineData(4000, new[] { 320, 640, 1280, 1920, 4000 })]
    public void Widths_for_an_original(int width, int[] expected) => Assert.Equal(expected, RenditionWidths.For(width));
}
