using System.Text.Json.Nodes;

namespace Butler.Workflows.Runtime.Alterations;

/// <summary>Sets declared variables of the run to new values (a repair of the data it failed on, a corrected amount).</summary>
public sealed record SetVariables(JsonObject Values) : Alteration;
