namespace Sigma.Portal.Infrastructure.Hosting;

internal static class PortalCommands
{
    /// <summary>Validates the configuration, brings the database up to date and runs the named command.</summary>
    public static async Task<int> RunCommandAsync(this WebApplication app, CommandLine commandLine)
    {
        var command = app.Services.GetServices<IPortalCommand>().FirstOrDefault(c => c.Name == commandLine.Command);
        if (command is null)
        {
            await Console.Error.WriteLineAsync($"Unknown command '{commandLine.Command}'. Commands: "
                + string.Join(", ", app.Services.GetServices<IPortalCommand>().Select(c => c.Name)) + ".");
            return 2;
        }

        app.Services.GetRequiredService<IStartupValidator>().Validate();
        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopping.Cancel();
        };
        await app.Services.GetRequiredService<DatabaseMigrator>().StartAsync(stopping.Token);
        return await command.RunAsync(commandLine.CommandArguments, stopping.Token);
    }
}
