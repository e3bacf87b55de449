namespace Sigma.Portal.Sessions;

/// <summary>
/// Told when sessions end (sign-out, "end the others", resets, deactivation), through <c>WakeSignal&lt;SessionsEnded&gt;</c>:
/// what hangs on a session elsewhere (the applications it signed in to) is handled at once, not at the next poll.
/// </summary>
public sealed class SessionsEnded;
