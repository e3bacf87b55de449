namespace Sigma.Portal.Help;

public sealed record HelpIndexViewModel(string? Query, IReadOnlyList<(Article Article, bool Translated)> Articles);
