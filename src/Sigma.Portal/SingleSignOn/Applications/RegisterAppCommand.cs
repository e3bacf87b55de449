using Microsoft.Extensions.Localization;

namespace Sigma.Portal.SingleSignOn.Applications;

/// <summary>
/// <c>register-app --client-id ID --name NAME --redirect-uri URI [--post-logout-redirect-uri URI] [--back-channel-logout-uri URI] [--start-url URI]
/// [--description TEXT] [--account-types employee,employer] [--public] [--rotate-secret]</c>: registers an application
/// for scripted installs, or updates the one with that client id. A new confidential client's secret is printed once,
/// on a line of its own starting <c>client_secret: </c>; an update prints none unless asked to rotate.
/// </summary>
public sealed class RegisterAppCommand(IServiceScopeFactory scopes, IStringLocalizer<SingleSignOnText> text) : IPortalCommand
{
    public string Name => "register-app";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var clientId = CommandLine.Option(arguments, "--client-id");
        var name = CommandLine.Option(arguments, "--name");
        if (string.IsNullOrWhiteSpace(clientId) || string.IsNullOrWhiteSpace(name)
            || !ApplicationRules.TryParseUris(CommandLine.Values(arguments, "--redirect-uri"), out var redirects)
            || !ApplicationRules.TryParseUris(CommandLine.Values(arguments, "--post-logout-redirect-uri"), out var postLogout)
            || !ApplicationRules.TryParseUris(CommandLine.Values(arguments, "--start-url"), out var start)
            || !ApplicationRules.TryParseUris(CommandLine.Values(arguments, "--back-channel-logout-uri"), out var backChannelLogout)
            || !TryAccountTypes(CommandLine.Values(arguments, "--account-types"), out var accountTypes))
        {
            await Console.Error.WriteLineAsync(text["RegisterApp.Usage"]);
            return 2;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ApplicationRegistrar>().SaveAsync(
            new ApplicationRegistration
            {
                ClientId = clientId,
                DisplayName = name,
                Description = CommandLine.Option(arguments, "--description"),
                StartUrl = start.FirstOrDefault(),
                RedirectUris = redirects,
                PostLogoutRedirectUris = postLogout,
                BackChannelLogoutUri = backChannelLogout.FirstOrDefault(),
                AccountTypes = accountTypes,
                Public = CommandLine.Flag(arguments, "--public"),
            },
            rotateSecret: CommandLine.Flag(arguments, "--rotate-secret"),
            actorId: null,
            ct);
        if (result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems)
            {
                await Console.Error.WriteLineAsync(text[problem]);
            }

            return 1;
        }

        Console.WriteLine(text[result.Created ? "RegisterApp.Created" : "RegisterApp.Updated", clientId]);
        if (result.ClientSecret is { } secret)
        {
            Console.WriteLine(text["RegisterApp.SecretOnce"]);
            Console.WriteLine("client_secret: " + secret);
        }

        return 0;
    }

    private static bool TryAccountTypes(IReadOnlyList<string> values, out HashSet<AccountType> types)
    {
        types = [];
        foreach (var value in values)
        {
            if (!Enum.TryParse<AccountType>(value, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(value, out _))
            {
                return false;
            }

            types.Add(type);
        }

        return true;
    }
}
