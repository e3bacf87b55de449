namespace Sigma.Portal.LoadTest;

/// <summary>Where the login form of a site lives and what its fields are called: the portal or the stock template.</summary>
internal sealed record Target(string Name, string LoginPath, string EmailField, string PasswordField, string? CodePath)
{
    public static readonly Target Portal = new("portal", "/Account/Login", "Email", "Password", "/TwoFactor/Verify");

    /// <summary><c>dotnet new mvc --auth Individual</c>: Identity UI's Razor page, password only.</summary>
    public static readonly Target Template = new("template", "/Identity/Account/Login", "Input.Email", "Input.Password", null);

    public static Target Named(string name) => name switch
    {
        "portal" => Portal,
        "template" => Template,
        _ => throw new ArgumentException("--target is portal or template."),
    };
}
