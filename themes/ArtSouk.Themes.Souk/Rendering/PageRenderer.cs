using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ArtSouk.Themes.Souk.Rendering;

/// <summary>Renders a page component to HTML bytes (static server rendering, no circuit), so the cache can keep them.</summary>
internal sealed class PageRenderer(IServiceProvider services, Microsoft.Extensions.Logging.ILoggerFactory logs)
{
    public async Task<byte[]> RenderAsync<TComponent>(IDictionary<string, object?> parameters) where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, logs);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
        return Encoding.UTF8.GetBytes("<!DOCTYPE html>\n" + html);
    }
}
