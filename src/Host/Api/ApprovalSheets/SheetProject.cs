namespace Butler.Host.Api.ApprovalSheets;

/// <summary>The sheet's header for a run that serves a project: one leader, one squad, one ledger.</summary>
public sealed record SheetProject(string Name, string Company, string Leader, string Squad, string PlannedInvestment);
