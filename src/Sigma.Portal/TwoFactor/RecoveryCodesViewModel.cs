namespace Sigma.Portal.TwoFactor;

public sealed record RecoveryCodesViewModel(IReadOnlyList<string> Codes, string? ReturnUrl)
{
    /// <summary>The codes as a text file, for the download link (a data: URL, so they are never stored to be fetched).</summary>
    public string DownloadHref => "data:text/plain;charset=utf-8," + Uri.EscapeDataString(string.Join("\r\n", Codes) + "\r\n");
}
