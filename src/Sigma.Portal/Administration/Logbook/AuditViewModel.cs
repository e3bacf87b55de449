using Sigma.Portal.Audit;

namespace Sigma.Portal.Administration.Logbook;

public sealed record AuditViewModel(AuditQuery Query, AuditPage Page);
