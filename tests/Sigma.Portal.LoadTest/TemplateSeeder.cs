using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace Sigma.Portal.LoadTest;

/// <summary>
/// Seeds the stock template (<c>dotnet new mvc --auth Individual</c>) the way <c>seed-demo</c> seeds the portal: N
/// confirmed accounts sharing one password hash made with the template's own hasher settings, written to its SQLite
/// database, and a <c>users.csv</c> without authenticator secrets (the template has no second step).
/// </summary>
internal static class TemplateSeeder
{
    private static readonly string[] Parameters = ["$id", "$email", "$normalized", "$hash", "$stamp"];

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var count = arguments.Number("users", 1_000);
        var password = "Template-" + Guid.NewGuid().ToString("N")[..12];
        var hash = new PasswordHasher<IdentityUser>().HashPassword(new IdentityUser(), password);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = arguments.Text("db") }.ToString());
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash,
              SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
            VALUES ($id, $email, $normalized, $email, $normalized, 1, $hash, $stamp, $stamp, 0, 0, 1, 0)
            """;
        var parameters = Parameters.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        await using var output = new StreamWriter(arguments.Text("out"));
        await output.WriteLineAsync("email,password,totpSecret");
        for (var i = 0; i < count; i++)
        {
            var email = $"load-{i:D6}@template.example";
            parameters["$id"].Value = Guid.NewGuid().ToString();
            parameters["$email"].Value = email;
            parameters["$normalized"].Value = email.ToUpperInvariant();
            parameters["$hash"].Value = hash;
            parameters["$stamp"].Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
            await insert.ExecuteNonQueryAsync();
            await output.WriteLineAsync($"{email},{password},");
        }

        await transaction.CommitAsync();
        Console.WriteLine($"seeded {count} template accounts");
        return 0;
    }
}
