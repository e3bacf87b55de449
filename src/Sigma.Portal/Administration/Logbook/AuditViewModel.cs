using Sigma.Portal.Audit;

namespace Sigma.Portal.Administration;

public sealed record AuditViewModel(AuditQuery Query, AuditPage Page);
