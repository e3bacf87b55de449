using Sigma.Portal.Audit;

namespace Sigma.Portal.Administration.Logbook;

public sealed record AuditViewModel(AuditFilter Query, AuditPage Page);
