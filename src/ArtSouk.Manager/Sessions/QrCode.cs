using QRCoder;

namespace ArtSouk.Manager.Sessions;

/// <summary>The enrolment's <c>otpauth://</c> URI as a PNG QR code, drawn on the server: the secret never leaves for a QR service.</summary>
internal static class QrCode
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
