using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json;
using Butler.Host.Api.Tasks;
using Butler.Host.Tests.Support;
using Butler.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Butler.Host.Tests.Api.Tasks;

/// <summary>SQLite with attachments limited to 1 KB, so the size limit can be crossed cheaply.</summary>
public sealed class SmallAttachmentsApp : ButlerApp
{
    public SmallAttachmentsApp()
        : base(Butler.Workflows.Persistence.DatabaseProvider.Sqlite, null) => With("Butler:Attachments:MaxBytes", "1024");
}

/// <summary>Claiming, releasing, notes and attachments of tasks over real HTTP.</summary>
public sealed class TaskActionTests(SmallAttachmentsApp app) : IClassFixture<SmallAttachmentsApp>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% a tiny test document\n%%EOF\n");

    private async Task<Guid> OpenSquadTaskAsync() => (await TestTasks.OpenSquadTaskAsync(app, "claim")).TaskId;

    private async Task<HttpClient> NewSquadMemberAsync() => await app.ClientForAsync(await TestUsers.CreateAsync(app, "member", "Squad"));

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    private static MultipartFormDataContent FileForm(byte[] bytes, string fileName, string contentType, string field = "file")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, field, fileName } };
    }

    [Fact]
    public async Task A_claimed_task_is_completed_only_by_its_claimer_and_the_others_see_who_claimed_it()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");
        var other = await NewSquadMemberAsync();

        var claimed = await squad.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Equal("squad", (await claimed.Content.ReadFromJsonAsync<JsonObject>())!["claimedBy"]!.GetValue<string>());

        var second = await other.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("squad", (await ProblemAsync(second))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var completedByOther = await other.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } });
        Assert.Equal(HttpStatusCode.Forbidden, completedByOther.StatusCode);
        Assert.Equal("task.claimedByAnother", (await ProblemAsync(completedByOther))["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);

        // The other member still has it in the inbox, marked as claimed.
        var inbox = await other.GetFromJsonAsync<JsonObject>("/api/tasks?pageSize=200");
        var row = inbox!["items"]!.AsArray().OfType<JsonObject>().Single(t => t["id"]!.GetValue<Guid>() == taskId);
        Assert.Equal("squad", row["claimedBy"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", fields = new { amount = 3 } })).StatusCode);
    }

    [Fact]
    public async Task The_claimer_or_an_admin_releases_a_claim_and_a_leader_who_is_no_member_may_not_claim()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");
        var admin = await app.ClientForAsync("admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientForAsync("leader")).PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await squad.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsync($"/api/tasks/{taskId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);

        var released = await admin.PostAsync($"/api/tasks/{taskId}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Null((await released.Content.ReadFromJsonAsync<JsonObject>())!["claimedBy"]);
        Assert.Equal(HttpStatusCode.NotFound, (await squad.PostAsync($"/api/tasks/{Guid.NewGuid()}/claim", null)).StatusCode);
    }

    [Fact]
    public async Task Notes_are_added_to_an_open_task_listed_oldest_first_and_refused_when_empty_too_long_or_on_a_done_task()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");

        Assert.Equal(HttpStatusCode.Created, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "已电话联系企业" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientForAsync("leader")).PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "请加快" })).StatusCode);
        var empty = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await ProblemAsync(empty))["errors"]!["text"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = new string('长', 4001) })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = new string('长', 4000) })).StatusCode);

        var notes = await squad.GetFromJsonAsync<JsonArray>($"/api/tasks/{taskId}/notes");
        Assert.Equal(["已电话联系企业", "请加快", new string('长', 4000)], notes!.Select(n => n!["text"]!.GetValue<string>()));
        Assert.Equal(["squad", "leader", "squad"], notes!.Select(n => n!["author"]!.GetValue<string>()));

        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Reject", fields = new { amount = 1 } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "too late" })).StatusCode);
    }

    [Fact]
    public async Task A_user_to_whom_the_task_is_not_assigned_gets_403_and_an_anonymous_caller_401()
    {
        var taskId = await OpenSquadTaskAsync();
        var stranger = await app.ClientForAsync(await TestUsers.CreateAsync(app, "stranger"));

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/tasks/{taskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/tasks/{taskId}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/tasks/{taskId}/attachments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(Pdf, "a.pdf", "application/pdf"))).StatusCode);

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(Pdf, "a.pdf", "application/pdf"))).StatusCode);
    }

    [Fact]
    public async Task An_attachment_is_stored_under_a_generated_name_listed_and_downloaded_as_it_was_sent()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");
        // Bytes of this test alone: the other tests of the class upload into the same data folder.
        var pdf = Pdf.Concat(Encoding.ASCII.GetBytes($"% {Guid.NewGuid()}\n")).ToArray();

        var uploaded = await squad.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(pdf, "营业执照.pdf", "application/pdf"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var attachment = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("营业执照.pdf", attachment["fileName"]!.GetValue<string>());
        Assert.Equal(pdf.Length, attachment["size"]!.GetValue<long>());

        var folder = Path.Combine(app.DataDirectory, "attachments");
        var stored = Assert.Single(Directory.GetFiles(folder), f => File.ReadAllBytes(f).SequenceEqual(pdf));
        Assert.DoesNotContain("营业执照", Path.GetFileName(stored), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

        var list = await (await app.ClientForAsync("leader")).GetFromJsonAsync<JsonArray>($"/api/tasks/{taskId}/attachments");
        Assert.Equal(attachment["id"]!.GetValue<Guid>(), Assert.Single(list!)!["id"]!.GetValue<Guid>());

        var download = await squad.GetAsync($"/api/tasks/{taskId}/attachments/{attachment["id"]}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("营业执照.pdf", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await squad.GetAsync($"/api/tasks/{taskId}/attachments/{Guid.NewGuid()}")).StatusCode);
    }

    [Theory]
    [InlineData("setup.exe", "application/octet-stream", 10, "field.fileType")]
    [InlineData("notes.txt", "application/pdf", 10, "field.fileContentType")]
    [InlineData("big.pdf", "application/pdf", 1025, "field.fileTooLarge")]
    [InlineData("empty.pdf", "application/pdf", 0, "field.fileEmpty")]
    public async Task A_file_breaking_a_limit_is_a_400_naming_the_file_field_and_nothing_is_stored(string name, string type, int size, string reason)
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");

        var response = await squad.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(new byte[size], name, type));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Equal(reason, problem["fields"]!["file"]!["code"]!.GetValue<string>());
        Assert.Equal(FailureText.Format(reason, problem["fields"]!["file"]!["args"].Deserialize<Dictionary<string, string>>(), FailureText.Chinese),
            Assert.Single(problem["errors"]!["file"]!.AsArray())!.GetValue<string>());
        Assert.Empty(await squad.GetFromJsonAsync<JsonArray>($"/api/tasks/{taskId}/attachments") ?? []);
    }

    [Fact]
    public async Task An_upload_without_a_file_field_or_as_json_is_a_400_naming_the_file_field()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");

        var wrongField = await squad.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(Pdf, "a.pdf", "application/pdf", field: "upload"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongField.StatusCode);
        Assert.NotNull((await ProblemAsync(wrongField))["errors"]!["file"]);
        var json = await squad.PostAsJsonAsync($"/api/tasks/{taskId}/attachments", new { file = "a.pdf" });
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.NotNull((await ProblemAsync(json))["errors"]!["file"]);
    }

    [Fact]
    public async Task The_task_page_history_tells_the_story_of_the_task_oldest_first_with_notes_and_files()
    {
        var taskId = await OpenSquadTaskAsync();
        var squad = await app.ClientForAsync("squad");
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsync($"/api/tasks/{taskId}/claim", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/notes", new { text = "资料已收" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await squad.PostAsync($"/api/tasks/{taskId}/attachments", FileForm(Pdf, "a.pdf", "application/pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await squad.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "Done", comment = "办结", fields = new { amount = 12 } })).StatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<TaskDetails>();
        var detail = await details.GetAsync(taskId, new Actor("squad", ["Squad"]));

        Assert.True(detail.IsOk);
        Assert.Equal(["taskCreated", "taskClaimed", "note", "attachment", "taskCompleted"], detail.Value!.History.Select(h => h.Kind));
        var completed = detail.Value.History[^1];
        Assert.Equal(("squad", "Done", "办结"), (completed.Actor, completed.Outcome, completed.Comment));
        Assert.False(detail.Value.MayComplete);
        Assert.Null(detail.Value.Project);
        Assert.Equal(OperationStatus.Forbidden, (await details.GetAsync(taskId, new Actor("nobody", []))).Status);
        Assert.Equal(OperationStatus.NotFound, (await details.GetAsync(Guid.NewGuid(), new Actor("squad", ["Squad"]))).Status);
    }
}
