namespace Butler.Host.Tests.Support;

/// <summary>Definitions used by the API tests.</summary>
public static class Definitions
{
    /// <summary>Start → HumanTask (role Squad, field amount) → Decision (amount > 10) → End.</summary>
    public static string TaskThenDecision(string id) => $$$"""
        {
          "id": "{{{id}}}",
          "name": "Task then decision",
          "variables": [ { "name": "amount", "default": 0 } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "check", "type": "HumanTask", "inputs": {
                "title": "Check {{company}}",
                "assignee": { "role": "Squad" },
                "outcomes": ["Done", "Reject"],
                "fields": [ { "name": "amount", "label": "Amount", "type": "number", "required": true } ] } },
            { "id": "big", "type": "Decision", "inputs": { "condition": "amount > 10" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "check" },
            { "source": "check", "outcome": "Done", "target": "big" },
            { "source": "check", "outcome": "Reject", "target": "end" },
            { "source": "big", "outcome": "True", "target": "end" },
            { "source": "big", "outcome": "False", "target": "end" }
          ]
        }
        """;

    /// <summary>
    /// Start → brief (Squad, a required amount) → permit (Squad) → fork → site and survey (Squad, in parallel) → join → End:
    /// steps to send back to, and a split that a send-back does not cross.
    /// </summary>
    public static string BriefThenPermit(string id) => $$$"""
        {
          "id": "{{{id}}}",
          "name": { "zh-CN": "政策宣讲后代办", "en": "Brief then permit" },
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "brief", "type": "HumanTask", "name": { "zh-CN": "政策宣讲", "en": "Policy briefing" }, "inputs": {
                "title": "Brief {{company}}", "assignee": { "role": "Squad" }, "outcomes": ["Done"],
                "fields": [ { "name": "amount", "label": "Amount", "type": "number", "required": true } ] } },
            { "id": "permit", "type": "HumanTask", "name": { "zh-CN": "代办许可", "en": "Permit" }, "inputs": {
                "title": "Permit for {{company}}", "assignee": { "role": "Squad" }, "outcomes": ["Done"] } },
            { "id": "fork", "type": "Fork" },
            { "id": "site", "type": "HumanTask", "inputs": { "title": "Site for {{company}}", "assignee": { "role": "Squad" }, "outcomes": ["Done"] } },
            { "id": "survey", "type": "HumanTask", "inputs": { "title": "Survey for {{company}}", "assignee": { "role": "Squad" }, "outcomes": ["Done"] } },
            { "id": "join", "type": "Join" },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "brief" },
            { "source": "brief", "outcome": "Done", "target": "permit" },
            { "source": "permit", "outcome": "Done", "target": "fork" },
            { "source": "fork", "outcome": "Done", "target": "site" },
            { "source": "fork", "outcome": "Done", "target": "survey" },
            { "source": "site", "outcome": "Done", "target": "join" },
            { "source": "survey", "outcome": "Done", "target": "join" },
            { "source": "join", "outcome": "Done", "target": "end" }
          ]
        }
        """;

    /// <summary>Start → WaitSignal(contractSigned) → End.</summary>
    public static string WaitForSignal(string id) => $$"""
        {
          "id": "{{id}}",
          "name": "Wait for signal",
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "wait", "type": "WaitSignal", "inputs": { "signal": "contractSigned", "variable": "contract" } },
            { "id": "end", "type": "End" }
          ],
          "connections": [
            { "source": "start", "outcome": "Done", "target": "wait" },
            { "source": "wait", "outcome": "Done", "target": "end" }
          ]
        }
        """;
}
