using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sigma.Portal.Accounts.SignIn;
using Sigma.Portal.Administration.Accounts;
using Sigma.Portal.Administration.Mail;
using Sigma.Portal.Data;
using Sigma.Portal.Data.Accounts;
using Sigma.Portal.Data.Audit;
using Sigma.Portal.Data.Email;
using Sigma.Portal.Tests.Builders;
using Sigma.Portal.Tests.Infrastructure;
using Sigma.Portal.TwoFactor.SignIn;

namespace Sigma.Portal.Tests.Data;

/// <summary>
/// The transaction rule (<c>Transactions</c>): a command that changes rows directly and records an audit event keeps
/// both or neither. Each command runs once while the audit event cannot be saved: what it changed directly must be
/// undone with it, so the record never lacks what happened, nor says what did not.
/// </summary>
public sealed class TransactionRuleTests(TransactionRuleTests.FaultyAuditPortal app) : IClassFixture<TransactionRuleTests.FaultyAuditPortal>
{
    [Fact]
    public async Task Deactivation_WhoseAuditEventFails_EndsNoLinkAndNoSession()
    {
        var ct = TestContext.Current.CancellationToken;
        var invited = await new AccountBuilder(app).InvitedAsync(ct);
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var session = app.NewBrowser();
        await session.SignInAsync(app, person, ct);

        await FailingAuditAsync(s => s.GetRequiredService<AccountDeactivation>().DeactivateAsync(invited.Id, Guid.NewGuid(), "test", ct));
        await FailingAuditAsync(s => s.GetRequiredService<AccountDeactivation>().DeactivateAsync(person.Id, Guid.NewGuid(), "test", ct));

        var link = await app.NewBrowser().OpenAsync(invited.ActivationLink.PathAndQuery, ct);
        var stillSignedIn = await session.OpenAsync("/", ct);
        Assert.Equal("Kies uw wachtwoord", link.Text("h1"));
        Assert.Equal($"Welkom, {person.DisplayName}", stillSignedIn.Text("h1"));
        Assert.Null(await WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.DeactivatedUtc).SingleAsync(ct)));
    }

    [Fact]
    public async Task RecoveryCode_WhoseAuditEventFails_IsNotUsedUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).WithAuthenticatorAsync(ct);
        var user = await WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id, ct));

        await FailingAuditAsync(s => s.GetRequiredService<SecondFactor>().CheckRecoveryCodeAsync(user, person.RecoveryCodes[0], ct));
        var again = await app.WithScopeAsync(s => s.GetRequiredService<SecondFactor>().CheckRecoveryCodeAsync(user, person.RecoveryCodes[0], ct));

        Assert.True(again.Accepted);
    }

    [Fact]
    public async Task Unlock_WhoseAuditEventFails_LeavesTheAccountLocked()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).ActivatedAsync(ct);
        var until = app.Clock.GetUtcNow().AddMinutes(15);
        await WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, until), ct));

        await FailingAuditAsync(s => s.GetRequiredService<AccountUnlock>().UnlockAsync(person.Id, Guid.NewGuid(), ct));

        Assert.NotNull(await WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.LockoutEnd).SingleAsync(ct)));
    }

    [Fact]
    public async Task Lockout_WhoseAuditEventFails_DoesNotLock()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).ActivatedAsync(ct);
        var user = await WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == person.Id, ct));
        var attempts = new List<CredentialAttempt>();
        for (var i = 0; i < 10; i++)
        {
            attempts.Add(await app.WithScopeAsync(s => s.GetRequiredService<LockoutCounter>().BeginAsync(user, ct)));
        }

        await FailingAuditAsync(s => s.GetRequiredService<LockoutCounter>().FailedAsync(attempts[^1], ct));

        Assert.Null(await WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.LockoutEnd).SingleAsync(ct)));
    }

    [Fact]
    public async Task TypeChange_WhoseAuditEventFails_KeepsTheTypeAndTheSessions()
    {
        var ct = TestContext.Current.CancellationToken;
        var person = await new AccountBuilder(app).AsEmployer().WithAuthenticatorAsync(ct);
        var session = app.NewBrowser();
        await session.SignInAsync(app, person, ct);

        await FailingAuditAsync(s => s.GetRequiredService<AccountEditor>().UpdateAsync(person.Id,
            new AccountChanges { AccountType = AccountType.Employee, Language = "nl" }, Guid.NewGuid(), ct));

        var stillSignedIn = await session.OpenAsync("/", ct);
        Assert.Equal($"Welkom, {person.DisplayName}", stillSignedIn.Text("h1"));
        Assert.Equal(AccountType.Employer, await WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).Select(u => u.AccountType).SingleAsync(ct)));
    }

    [Fact]
    public async Task DeadLetterRetry_WhoseAuditEventFails_LeavesTheMessageDead()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = id,
                Kind = "Test",
                ToAddress = "dead@test.example",
                Subject = "Test",
                CreatedUtc = now,
                NextAttemptUtc = now,
                Attempts = 12,
                DeadUtc = now,
            });
            return await db.SaveChangesAsync(ct);
        });

        await FailingAuditAsync(s => s.GetRequiredService<DeadLetters>().RetryAsync(id, Guid.NewGuid(), ct));

        Assert.Equal(now, await WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).Select(m => m.DeadUtc).SingleAsync(ct)));
    }

    private async Task FailingAuditAsync<T>(Func<IServiceProvider, Task<T>> command)
    {
        app.Fault.Armed = true;
        try
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => app.WithScopeAsync(command));
        }
        finally
        {
            app.Fault.Armed = false;
        }
    }

    private Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> work) =>
        app.WithScopeAsync(s => work(s.GetRequiredService<PortalDbContext>()));

    /// <summary>The portal, with a database that refuses to save audit events while <see cref="AuditFault.Armed"/>.</summary>
    public sealed class FaultyAuditPortal : PortalFactory
    {
        public AuditFault Fault { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IInterceptor>(Fault));
        }
    }

    /// <summary>Fails a save that holds a new audit event, as a full disk or a lost connection at that moment would.</summary>
    public sealed class AuditFault : SaveChangesInterceptor
    {
        private volatile bool _armed;

        public bool Armed
        {
            get => _armed;
            set => _armed = value;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(eventData);
            if (Armed && eventData.Context!.ChangeTracker.Entries<AuditEvent>().Any(e => e.State == EntityState.Added))
            {
                throw new DbUpdateException("The audit event could not be saved (injected by the test).");
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
