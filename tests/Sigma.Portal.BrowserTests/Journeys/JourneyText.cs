namespace Sigma.Portal.BrowserTests.Journeys;

/// <summary>What the person reads on the screens, per language, so a journey asserts what people see.</summary>
public sealed record JourneyText(string Language, string ChoosePassword, string SetupTitle, string VerifyTitle, string CodesTitle, string Welcome, string ConfirmLink)
{
    public static readonly JourneyText Dutch = new("nl", "Kies uw wachtwoord", "Tweestapsverificatie instellen", "Vul uw code in", "Uw herstelcodes", "Welkom, ",
        "Klik hier om uw Sigma Personeelsdiensten-account te bevestigen");

    public static readonly JourneyText English = new("en", "Choose your password", "Set up two-step verification", "Enter your code", "Your recovery codes", "Welcome, ",
        "Click here to confirm your Sigma Personeelsdiensten account");

    public static JourneyText For(string language) => language == "en" ? English : Dutch;
}
