using Microsoft.Extensions.Localization;
using Sigma.Portal.Localisation;

namespace Sigma.Portal.Accounts.Invitations;

/// <summary>
/// <c>create-admin --email EMAIL --name "NAME" [--language nl|en]</c>: how a new installation gets its first
/// administrator. Creates the account, queues its activation email and prints the activation link.
/// </summary>
public sealed class CreateAdminCommand(
    IServiceScopeFactory scopes,
    IStringLocalizer<AccountsText> text,
    DisplayTexts display,
    IOptions<AccountsOptions> options) : IPortalCommand
{
    public string Name => "create-admin";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var email = CommandLine.Option(arguments, "--email");
        var name = CommandLine.Option(arguments, "--name");
        var preferred = CommandLine.Option(arguments, "--language") ?? "nl";
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
        {
            await Console.Error.WriteLineAsync(text["CreateAdmin.Usage"]);
            return 2;
        }

        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountCreator>().CreateAsync(new NewAccount
        {
            Email = email,
            DisplayName = name,
            AccountType = AccountType.Administrator,
            Language = preferred,
        }, ct);
        if (!result.Created)
        {
            await Console.Error.WriteLineAsync(text[result.RefusedBecause!]);
            return 1;
        }

        Console.WriteLine(text["CreateAdmin.Created", result.Account!.Email!]);
        Console.WriteLine(text["CreateAdmin.Link", display.Duration(options.Value.ActivationLinkLifetime)]);
        Console.WriteLine(result.ActivationLink!.AbsoluteUri);
        return 0;
    }
}
