namespace Dlvx.IntegrationTests.Infrastructure;

/// <summary>
/// A fact that needs a headless Chromium ($DLVX_CHROMIUM, else chromium or google-chrome on PATH).
/// Without one it is reported as skipped, saying what to install; test.sh installs Debian's chromium in CI.
/// </summary>
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Find() is null)
        {
            Skip = "needs a headless Chromium to render the report: none found ($DLVX_CHROMIUM, or chromium, chromium-browser, google-chrome on PATH); install it with apt-get install -y chromium";
        }
    }
}
