using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>Renders a page component to HTML bytes (static server rendering, no circuit), so the cache can keep them.</summary>
internal sealed class PageRenderer(IServiceProvider services, Microsoft.Extensions.Logging.ILoggerFactory logs)
{
    public async Task<byte[]> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(new ArabicAsText(services), logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes("<!DOCTYPE html>\n" + html);
    }

    /// <summary>
    /// The default HTML encoder writes every Arabic letter as a character reference (<c>&amp;#x639;</c>), tripling an
    /// Arabic page's size; the site's pages are UTF-8, so only HTML's own special characters need encoding, plus
    /// <c>=</c> and <c>:</c> (see <see cref="SiteEncoding.Settings"/>).
    /// </summary>
    private sealed class ArabicAsText(IServiceProvider inner) : IServiceProvider
    {
        private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(SiteEncoding.Settings);

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : inner.GetService(serviceType);
    }
}
