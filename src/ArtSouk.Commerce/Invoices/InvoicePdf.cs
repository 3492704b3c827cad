using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ArtSouk.Commerce.Invoices;

/// <summary>
/// Prints the invoice's own printable page to PDF with headless Chromium, so Arabic comes out shaped and right to left
/// exactly as the browser lays it out (PDF libraries in the registry here, PDFsharp among them, do not shape Arabic).
/// One print at a time: a Chromium start costs a few hundred megabytes. Without a Chromium binary there is no PDF.
/// </summary>
internal sealed class InvoicePdf(IOptions<CommerceOptions> options, ILogger<InvoicePdf> log) : IDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
    private readonly SemaphoreSlim _one = new(1, 1);

    public string? Browser => options.Value.Invoice.Chromium is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);

    public void Dispose() => _one.Dispose();

    /// <summary>The page as PDF bytes, or null when no browser is installed or it failed (logged).</summary>
    public async Task<byte[]?> PrintAsync(string html, CancellationToken ct)
    {
        if (Browser is not { } browser)
        {
            return null;
        }
        var folder = Directory.CreateTempSubdirectory("artsouk-invoice-");
        await _one.WaitAsync(ct);
        try
        {
            var page = Path.Combine(folder.FullName, "invoice.html");
            var pdf = Path.Combine(folder.FullName, "invoice.pdf");
            await File.WriteAllTextAsync(page, html, ct);
            var start = new ProcessStartInfo(browser)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
                "--no-pdf-header-footer", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}", $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri])
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            var drainOut = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var drainError = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            await Task.WhenAll(drainOut, drainError);
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                log.LogWarning("Chromium ({Browser}) printed no invoice PDF (exit {Code}): {Error}", browser, process.ExitCode, (await drainError)[..Math.Min(500, (await drainError).Length)]);
                return null;
            }
            return await File.ReadAllBytesAsync(pdf, ct);
        }
        finally
        {
            _one.Release();
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // Chromium's profile may still be closing; the temp folder is cleaned by the system.
            }
        }
    }
}
