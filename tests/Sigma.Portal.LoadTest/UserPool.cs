namespace Sigma.Portal.LoadTest;

/// <summary>
/// The accounts of <c>users.csv</c> (<c>email,password,totpSecret</c>), handed out in turn. A code is accepted once per
/// account per 30 seconds, so a login rate of R needs well over 30·R accounts; 10,000 is plenty.
/// </summary>
internal sealed class UserPool(IReadOnlyList<UserPool.User> users)
{
    // A random start, so two runs within 30 seconds do not send the same account's code twice.
    private int _next = System.Security.Cryptography.RandomNumberGenerator.GetInt32(users.Count);

    public static UserPool Load(string path) => new([.. File.ReadLines(path).Skip(1)
        .Select(line => line.Split(','))
        .Select(fields => new User(fields[0], fields[1], fields.Length > 2 && fields[2].Length > 0 ? OtpNet.Base32Encoding.ToBytes(fields[2]) : null))]);

    public User Next() => users[(int)((uint)Interlocked.Increment(ref _next) % (uint)users.Count)];

    internal sealed record User(string Email, string Password, byte[]? TotpSecret);
}
