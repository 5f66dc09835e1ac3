using System.Text.Json;
using System.Text.RegularExpressions;
using Blazor.Diagrams;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Core.Routers;
using Blazor.Diagrams.Options;
using Butler.Designer.Api;
using Butler.Designer.Canvas;
using Butler.Workflows.Activities;
using Butler.Workflows.Definitions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Butler.Designer.Pages;

/// <summary>
/// The canvas editor. The definition is the truth: every edit on the canvas is read back into it (DiagramMapping.Read),
/// recorded as an undo step and validated by the API after a short pause; undo, redo and paste rebuild the canvas from it.
/// </summary>
public sealed partial class DefinitionEditor
{
    private const string ProblemColor = "#b71c1c";
    private const string LinkColor = "#455a64";
    private const double MinimumFitZoom = 0.75;
    private static readonly JsonSerializerOptions IndentedJson = new(DefinitionJson.Options) { WriteIndented = true };

    [Parameter] public string Id { get; set; } = "";

    [Inject] private DesignerApi Api { get; set; } = default!;
    [Inject] private DesignerClipboard Clipboard { get; set; } = default!;
    [Inject] private CanvasInterop Interop { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private readonly BlazorDiagram _diagram = CreateDiagram();
    private Dictionary<string, ActivityDescriptor> _descriptors = new(StringComparer.Ordinal);
    private List<ActivityDescriptor> _tools = [];
    private WorkflowDefinitionModel? _model;
    private DefinitionVersionDto? _loaded;
    private List<ConnectionModel> _unmapped = [];
    private EditHistory? _history;
    private string _savedJson = "";
    private List<DefinitionProblem> _problems = [];
    private readonly List<string> _messages = [];
    private List<string> _publishCounts = [];
    private bool _validating;
    private bool _busy;
    private bool _testRun;
    private bool _publishOpen;
    private bool _keysTrapped;
    private bool _fitted;
    private string? _error;
    private string? _idError;
    private string _toolFilter = "";
    private ActivityDescriptor? _dragging;
    private ElementReference _canvas;
    private CancellationTokenSource? _validation;
    private string? _loadedId;

    private bool Dirty => _model is not null && DefinitionJson.Serialize(_model) != _savedJson;

    private bool CanPublish => !_validating && _problems.Count == 0 && (Dirty || _loaded is { IsPublished: false });

    private IEnumerable<ActivityNode> SelectedNodes => _diagram.GetSelectedModels().OfType<ActivityNode>();

    private IReadOnlyList<string> VariableNames => _model?.Variables.Select(v => v.Name).ToList() ?? [];

    private IEnumerable<IGrouping<string, ActivityDescriptor>> ToolGroups => _tools
        .Where(t => string.IsNullOrWhiteSpace(_toolFilter)
            || t.DisplayName.En.Contains(_toolFilter, StringComparison.OrdinalIgnoreCase)
            || t.DisplayName.ZhCn.Contains(_toolFilter, StringComparison.OrdinalIgnoreCase)
            || t.Type.Contains(_toolFilter, StringComparison.OrdinalIgnoreCase)
            || t.Description.For(DesignerText.Culture).Contains(_toolFilter, StringComparison.OrdinalIgnoreCase))
        .GroupBy(t => t.Category);

    private static BlazorDiagram CreateDiagram()
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = true,
            GridSize = 10,
            Zoom = { Enabled = true, Minimum = 0.2, Maximum = 2.5 },
            Links =
            {
                DefaultRouter = new NormalRouter(),
                DefaultPathGenerator = new SmoothPathGenerator(),
                // A connection dropped in the open stays, drawn as dangling: the validator names it and the user fixes it.
                RequireTarget = false,
                EnableSnapping = true,
                SnappingRadius = 40,
                Factory = (_, source, target) => source is ActivityPort { Outcome: not null } port
                    ? Styled(new ConnectionLink(new SinglePortAnchor(port), target, null))
                    : null,
            },
        };
        var diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<ActivityNode, ActivityNodeWidget>();
        // The page handles the keyboard itself (one place for every shortcut, and none of them twice).
        diagram.UnregisterBehavior<KeyboardShortcutsBehavior>();
        return diagram;
    }

    private static ConnectionLink Styled(ConnectionLink link)
    {
        link.TargetMarker = LinkMarker.Arrow;
        link.Color = LinkColor;
        link.Width = 2;
        return link;
    }

    protected override void OnInitialized()
    {
        _diagram.PointerUp += (_, _) => InvokeAsync(() => Commit());
        // The whole definition in view once the canvas knows its size; no smaller than legible.
        _diagram.ContainerChanged += () =>
        {
            if (!_fitted && _diagram.Container is { Width: > 0 } && _model is not null)
            {
                _fitted = true;
                Fit();
            }
        };
    }

    protected override async Task OnParametersSetAsync()
    {
        // The prerendered page shows the loading bar; the definition is read once, when the page is live.
        if (_loadedId == Id || !RendererInfo.IsInteractive)
        {
            return;
        }
        _loadedId = Id;
        var descriptors = await Api.DescriptorsAsync();
        var definition = await Api.GetAsync(Id);
        if (!descriptors.Ok || !definition.Ok)
        {
            _error = definition.Status == System.Net.HttpStatusCode.NotFound ? DesignerText.NotFound : string.Join(" ", definition.Messages().Concat(descriptors.Messages()));
            return;
        }
        _descriptors = descriptors.Value!.ToDictionary(d => d.Type, StringComparer.Ordinal);
        _tools = [.. descriptors.Value!.OrderBy(d => d.Category, StringComparer.Ordinal).ThenBy(d => d.DisplayName.For(DesignerText.Culture), StringComparer.CurrentCulture)];
        _loaded = definition.Value!;
        Load(_loaded.ToModel());
        _savedJson = DefinitionJson.Serialize(_model!);
        _history = new EditHistory(_savedJson);
        if (_diagram.Container is not null)
        {
            // Another definition opened in the same page: the canvas already has its size.
            Fit();
        }
        await ValidateAsync(CancellationToken.None);
    }

    private async Task OnLeavingAsync(LocationChangingContext context)
    {
        if (Dirty && await Dialogs.ShowMessageBoxAsync(DesignerText.CanvasUnsaved, DesignerText.CanvasLeaveUnsaved,
                yesText: DesignerText.CanvasLeaveAnyway, cancelText: DesignerText.CanvasStay) != true)
        {
            context.PreventNavigation();
        }
    }

    /// <summary>The canvas's shortcuts are kept from the browser from the first time it has the focus.</summary>
    private async Task OnCanvasFocusAsync()
    {
        if (!_keysTrapped)
        {
            _keysTrapped = true;
            await Interop.TrapKeysAsync(_canvas);
        }
    }

    /// <summary>Draws <paramref name="model"/> on the canvas, keeping the selection by activity id.</summary>
    private void Load(WorkflowDefinitionModel model)
    {
        var selected = SelectedNodes.Select(n => n.Activity.Id).ToHashSet(StringComparer.Ordinal);
        _model = model;
        _unmapped = DiagramMapping.Build(_diagram, model, _descriptors);
        foreach (var link in _diagram.Links.OfType<ConnectionLink>())
        {
            Styled(link);
        }
        foreach (var node in _diagram.Nodes.OfType<ActivityNode>().Where(n => selected.Contains(n.Activity.Id)))
        {
            _diagram.SelectModel(node, false);
        }
        ShowProblems();
    }

    /// <summary>Reads the canvas back into the definition; an actual change is an undo step and is validated.</summary>
    private void Commit()
    {
        if (_model is null || _history is null)
        {
            return;
        }
        AttachDroppedEnds();
        _model = DiagramMapping.Read(_diagram, _model, _unmapped);
        if (_history.Record(DefinitionJson.Serialize(_model)))
        {
            ScheduleValidation();
        }
        StateHasChanged();
    }

    /// <summary>A connection let go over an activity (not exactly on its port) goes to that activity's input.</summary>
    private void AttachDroppedEnds()
    {
        foreach (var link in _diagram.Links.OfType<ConnectionLink>().Where(l => l.Target is PositionAnchor).ToList())
        {
            var end = link.Target.GetPlainPosition();
            var source = (link.Source.Model as ActivityPort)?.Activity;
            var over = end is null ? null : _diagram.Nodes.OfType<ActivityNode>().FirstOrDefault(n => n != source && n.Input is not null
                && end.X >= n.Position.X && end.X <= n.Position.X + ActivityNode.Width
                && end.Y >= n.Position.Y && end.Y <= n.Position.Y + (n.Size?.Height ?? ActivityNode.HeightFor(0)));
            if (over?.Input is { } input)
            {
                link.SetTarget(new SinglePortAnchor(input));
                link.Refresh();
            }
        }
    }

    private void AddVariable()
    {
        _model!.Variables.Add(new VariableModel { Name = DefinitionEdits.FreeId(_model.Variables.Select(v => v.Name), "variable") });
        Commit();
    }

    private void ScheduleValidation()
    {
        _validation?.Cancel();
        _validation?.Dispose();
        _validation = new CancellationTokenSource();
        var token = _validation.Token;
        _validating = true;
        _ = InvokeAsync(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(350), token);
                await ValidateAsync(token);
                StateHasChanged();
            }
            catch (OperationCanceledException)
            {
                // A newer edit started its own validation.
            }
        });
    }

    private async Task ValidateAsync(CancellationToken ct)
    {
        _validating = true;
        var result = await Api.ValidateAsync(_model!, ct);
        ct.ThrowIfCancellationRequested();
        _validating = false;
        _problems = result.Ok ? result.Value!.Problems : [.. result.Messages().Select(m => new DefinitionProblem("$", m))];
        ShowProblems();
    }

    [GeneratedRegex(@"^\$\.activities\[(\d+)\]")]
    private static partial Regex ActivityPath();

    [GeneratedRegex(@"^\$\.connections\[(\d+)\]")]
    private static partial Regex ConnectionPath();

    /// <summary>Marks each problem on its activity or connection, in words on the node and in red on the link.</summary>
    private void ShowProblems()
    {
        var nodes = _diagram.Nodes.OfType<ActivityNode>().ToList();
        var links = _diagram.Links.OfType<BaseLinkModel>().ToList();
        var byNode = new Dictionary<ActivityNode, List<string>>();
        var byLink = new Dictionary<BaseLinkModel, List<string>>();
        foreach (var problem in _problems)
        {
            if (ActivityPath().Match(problem.Path) is { Success: true } a && int.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < nodes.Count)
            {
                (byNode.TryGetValue(nodes[i], out var list) ? list : byNode[nodes[i]] = []).Add(problem.For(DesignerText.Culture));
            }
            else if (ConnectionPath().Match(problem.Path) is { Success: true } c && int.Parse(c.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var j && j < links.Count)
            {
                (byLink.TryGetValue(links[j], out var list) ? list : byLink[links[j]] = []).Add(problem.For(DesignerText.Culture));
                if (links[j].Source.Model is ActivityPort { Activity: var source })
                {
                    (byNode.TryGetValue(source, out var onSource) ? onSource : byNode[source] = []).Add(problem.For(DesignerText.Culture));
                }
            }
        }
        foreach (var node in nodes)
        {
            var problems = byNode.TryGetValue(node, out var list) ? list : [];
            if (!problems.SequenceEqual(node.Problems))
            {
                node.Problems = problems;
                node.Refresh();
            }
        }
        foreach (var link in links)
        {
            var color = byLink.ContainsKey(link) ? ProblemColor : LinkColor;
            if (link is LinkModel drawn && drawn.Color != color)
            {
                drawn.Color = color;
                drawn.Refresh();
            }
        }
    }

    private string ProblemText(DefinitionProblem problem)
    {
        var nodes = _diagram.Nodes.OfType<ActivityNode>().ToList();
        if (ActivityPath().Match(problem.Path) is { Success: true } a && int.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < nodes.Count)
        {
            return $"{Label(nodes[i])}: {problem.For(DesignerText.Culture)}";
        }
        return problem.Path is "$" ? problem.For(DesignerText.Culture) : $"{problem.Path}: {problem.For(DesignerText.Culture)}";
    }

    private void SelectProblem(DefinitionProblem problem)
    {
        var nodes = _diagram.Nodes.OfType<ActivityNode>().ToList();
        var links = _diagram.Links.ToList();
        ActivityNode? node = null;
        if (ActivityPath().Match(problem.Path) is { Success: true } a && int.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var i && i < nodes.Count)
        {
            node = nodes[i];
        }
        else if (ConnectionPath().Match(problem.Path) is { Success: true } c && int.Parse(c.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) is var j && j < links.Count)
        {
            node = (links[j].Source.Model as ActivityPort)?.Activity;
        }
        if (node is not null)
        {
            _testRun = false;
            _diagram.UnselectAll();
            _diagram.SelectModel(node, true);
        }
    }

    private static string Label(ActivityNode node) =>
        string.IsNullOrWhiteSpace(DesignerText.Text(node.Activity.Name)) ? node.Activity.Id : $"{DesignerText.Text(node.Activity.Name)} ({node.Activity.Id})";

    private int IndexOf(ActivityNode node) => _diagram.Nodes.OfType<ActivityNode>().ToList().IndexOf(node);

    private IEnumerable<ActivityNode> Targets(ActivityNode source) =>
        _diagram.Nodes.OfType<ActivityNode>().Where(n => n != source && n.Input is not null);

    private static string TargetOf(ActivityPort port) =>
        (port.Links.Count > 0 ? port.Links[0] : null)?.Target.Model is ActivityPort { Outcome: null } target ? target.Activity.Activity.Id : "";

    /// <summary>The keyboard way to connect: choose where an outcome leads.</summary>
    private void Connect(ActivityPort port, string? targetId)
    {
        foreach (var link in port.Links.ToList())
        {
            _diagram.Links.Remove(link);
        }
        var target = _diagram.Nodes.OfType<ActivityNode>().FirstOrDefault(n => n.Activity.Id == targetId);
        if (target?.Input is { } input)
        {
            _diagram.Links.Add(Styled(new ConnectionLink(port, input)));
        }
        Commit();
    }

    private void RenameActivity(ActivityNode node, string? id)
    {
        id = id?.Trim() ?? "";
        if (!Regex.IsMatch(id, "^[A-Za-z][A-Za-z0-9_-]{0,99}$"))
        {
            _idError = DesignerText.CanvasActivityIdInvalid;
            return;
        }
        if (_diagram.Nodes.OfType<ActivityNode>().Any(n => n != node && n.Activity.Id == id))
        {
            _idError = DesignerText.CanvasActivityIdTaken;
            return;
        }
        _idError = null;
        node.Activity.Id = id;
        node.Refresh();
        Commit();
    }

    private void OnPropertiesChanged(ActivityNode node)
    {
        DiagramMapping.RefreshPorts(node);
        foreach (var link in _diagram.Links)
        {
            link.Refresh();
        }
        Commit();
    }

    private void AddFromToolbox(ActivityDescriptor tool)
    {
        // Placed right of everything there is, at the height of the selection or the top.
        var nodes = _diagram.Nodes.OfType<ActivityNode>().ToList();
        var anchor = SelectedNodes.FirstOrDefault();
        var x = anchor is not null ? anchor.Position.X + ActivityNode.Width + 80 : nodes.Count == 0 ? 40 : nodes.Max(n => n.Position.X) + ActivityNode.Width + 80;
        var y = anchor?.Position.Y ?? 40;
        var node = Add(tool, x, y);
        _diagram.UnselectAll();
        _diagram.SelectModel(node, true);
        ScrollIntoView(node);
        Commit();
    }

    /// <summary>Pans so a node placed out of sight comes into the middle of the canvas.</summary>
    private void ScrollIntoView(ActivityNode node)
    {
        if (_diagram.Container is not { Width: > 0 } view)
        {
            return;
        }
        var left = node.Position.X * _diagram.Zoom + _diagram.Pan.X;
        var top = node.Position.Y * _diagram.Zoom + _diagram.Pan.Y;
        var right = left + ActivityNode.Width * _diagram.Zoom;
        var bottom = top + ActivityNode.HeightFor(node.Outputs.Count()) * _diagram.Zoom;
        if (left >= 0 && top >= 0 && right <= view.Width && bottom <= view.Height)
        {
            return;
        }
        _diagram.SetPan(view.Width / 2 - (node.Position.X + ActivityNode.Width / 2) * _diagram.Zoom,
            view.Height / 2 - (node.Position.Y + ActivityNode.HeaderHeight) * _diagram.Zoom);
    }

    private void OnDrop(DragEventArgs e)
    {
        if (_dragging is not { } tool)
        {
            return;
        }
        _dragging = null;
        var at = _diagram.GetRelativeMousePoint(e.ClientX, e.ClientY);
        var node = Add(tool, at.X - ActivityNode.Width / 2, at.Y - ActivityNode.HeaderHeight / 2);
        _diagram.UnselectAll();
        _diagram.SelectModel(node, true);
        Commit();
    }

    private ActivityNode Add(ActivityDescriptor tool, double x, double y)
    {
        var model = DiagramMapping.Read(_diagram, _model!, _unmapped);
        model.Activities.Add(DefinitionEdits.NewActivity(model, tool, x, y, DesignerText.Culture));
        Load(model);
        return _diagram.Nodes.OfType<ActivityNode>().ToList()[^1];
    }

    private void Copy()
    {
        _model = DiagramMapping.Read(_diagram, _model!, _unmapped);
        var ids = SelectedNodes.Select(n => n.Activity.Id).ToHashSet(StringComparer.Ordinal);
        if (ids.Count > 0)
        {
            Clipboard.Content = DefinitionEdits.Copy(_model, ids);
            Clipboard.Pastes = 0;
        }
    }

    private void Paste()
    {
        if (Clipboard.Content is not { } content)
        {
            return;
        }
        Clipboard.Pastes++;
        var model = DiagramMapping.Read(_diagram, _model!, _unmapped);
        var pasted = DefinitionEdits.Paste(model, content, 40 * Clipboard.Pastes, 40 * Clipboard.Pastes);
        model.Activities.AddRange(pasted.Activities);
        model.Connections.AddRange(pasted.Connections);
        _diagram.UnselectAll();
        Load(model);
        var ids = pasted.Activities.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in _diagram.Nodes.OfType<ActivityNode>().Where(n => ids.Contains(n.Activity.Id)))
        {
            node.PositionSaved = true;
            _diagram.SelectModel(node, false);
        }
        Commit();
    }

    private void DeleteSelection()
    {
        var selected = _diagram.GetSelectedModels().ToList();
        foreach (var link in selected.OfType<BaseLinkModel>())
        {
            _diagram.Links.Remove(link);
        }
        foreach (var node in selected.OfType<NodeModel>())
        {
            _diagram.Nodes.Remove(node);
        }
        Commit();
    }

    private void Zoom(double factor)
    {
        _diagram.SetZoom(Math.Clamp(_diagram.Zoom * factor, _diagram.Options.Zoom.Minimum, _diagram.Options.Zoom.Maximum));
    }

    /// <summary>
    /// The whole definition in view (the library's own fit zooms to the selection instead), never larger than natural
    /// size; one too large to be legible whole is shown from its start at <see cref="MinimumFitZoom"/>.
    /// </summary>
    private void Fit()
    {
        var nodes = _diagram.Nodes.OfType<ActivityNode>().ToList();
        if (_diagram.Container is not { Width: > 0, Height: > 0 } view || nodes.Count == 0)
        {
            return;
        }
        const double margin = 30;
        var left = nodes.Min(n => n.Position.X);
        var top = nodes.Min(n => n.Position.Y);
        var width = nodes.Max(n => n.Position.X + ActivityNode.Width) - left;
        var height = nodes.Max(n => n.Position.Y + ActivityNode.HeightFor(n.Outputs.Count())) - top;
        var fits = Math.Min((view.Width - 2 * margin) / width, (view.Height - 2 * margin) / height);
        var zoom = Math.Clamp(fits, MinimumFitZoom, 1);
        _diagram.SetZoom(zoom);
        _diagram.SetPan(
            fits >= MinimumFitZoom ? (view.Width - width * zoom) / 2 - left * zoom : margin - left * zoom,
            fits >= MinimumFitZoom ? (view.Height - height * zoom) / 2 - top * zoom : margin - top * zoom);
    }

    private void AutoLayout()
    {
        var model = DiagramMapping.Read(_diagram, _model!, _unmapped);
        var layout = WorkflowLayout.Arrange(model, useSaved: false, ActivityNode.Width + 40, DiagramMapping.LayoutNodeHeight);
        foreach (var node in _diagram.Nodes.OfType<ActivityNode>())
        {
            if (layout.Node(node.Activity.Id) is { } placed)
            {
                node.SetPosition(placed.X + 20, placed.Y + 20);
                node.PositionSaved = true;
            }
        }
        Commit();
        Fit();
    }

    private void MoveSelection(double dx, double dy)
    {
        foreach (var node in SelectedNodes)
        {
            node.SetPosition(node.Position.X + dx, node.Position.Y + dy);
        }
        Commit();
    }

    private Task UndoAsync() => RestoreAsync(_history!.Undo());

    private Task RedoAsync() => RestoreAsync(_history!.Redo());

    /// <summary>Redraws the canvas from a recorded state (null: nothing to undo or redo) and validates it.</summary>
    private async Task RestoreAsync(string? state)
    {
        if (state is not null)
        {
            Load(DefinitionJson.TryParse(state, out _)!);
            await ValidateAsync(CancellationToken.None);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        var ctrl = e.CtrlKey || e.MetaKey;
        switch (e.Key.ToLowerInvariant())
        {
            case "delete" or "backspace":
                DeleteSelection();
                break;
            case "z" when ctrl && e.ShiftKey:
            case "y" when ctrl:
                await RedoAsync();
                break;
            case "z" when ctrl:
                await UndoAsync();
                break;
            case "c" when ctrl:
                Copy();
                break;
            case "x" when ctrl:
                Copy();
                DeleteSelection();
                break;
            case "v" when ctrl:
                Paste();
                break;
            case "a" when ctrl:
                foreach (var node in _diagram.Nodes)
                {
                    _diagram.SelectModel(node, false);
                }
                break;
            case "s" when ctrl:
                await SaveAsync();
                break;
            case "+" or "=":
                Zoom(1.2);
                break;
            case "-":
                Zoom(1 / 1.2);
                break;
            case "0":
                Fit();
                break;
            case "arrowleft" or "arrowright" or "arrowup" or "arrowdown":
                var step = e.ShiftKey ? 50 : 10;
                var (dx, dy) = e.Key switch
                {
                    "ArrowLeft" => (-step, 0),
                    "ArrowRight" => (step, 0),
                    "ArrowUp" => (0, -step),
                    _ => (0, step),
                };
                if (SelectedNodes.Any())
                {
                    MoveSelection(dx, dy);
                }
                else
                {
                    _diagram.UpdatePan(-dx, -dy);
                }
                break;
        }
    }

    private async Task SaveAsync()
    {
        if (_model is null)
        {
            return;
        }
        _model = DiagramMapping.Read(_diagram, _model, _unmapped);
        // What is sent is what counts as saved, even if an edit lands while the call is on its way.
        var sent = DefinitionJson.Serialize(_model);
        if (await StoreAsync(() => Api.SaveDraftAsync(Id, _model, _loaded?.ETag), DesignerText.CanvasSaveFailed, _ => DesignerText.Saved))
        {
            _savedJson = sent;
        }
    }

    private async Task OpenPublishAsync()
    {
        if (Dirty)
        {
            await SaveAsync();
            if (Dirty)
            {
                return;
            }
        }
        _publishCounts = await PublishCountsAsync();
        _publishOpen = true;
    }

    private async Task PublishAsync()
    {
        _publishOpen = false;
        await StoreAsync(() => Api.PublishAsync(Id), DesignerText.CanvasPublishFailed, v => DesignerText.CanvasPublished(v.Version));
    }

    /// <summary>A save or a publish, one at a time: the stored version on success, the API's messages on failure.</summary>
    private async Task<bool> StoreAsync(Func<Task<ApiResult<DefinitionVersionDto>>> call, string failure, Func<DefinitionVersionDto, string> done)
    {
        _busy = true;
        _messages.Clear();
        try
        {
            var result = await call();
            if (result.Ok)
            {
                _loaded = result.Value!;
                Snackbar.Add(done(_loaded), Severity.Success);
                return true;
            }
            _messages.Add(failure);
            _messages.AddRange(result.Messages());
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ExportAsync()
    {
        _model = DiagramMapping.Read(_diagram, _model!, _unmapped);
        var json = JsonSerializer.Serialize(_model, IndentedJson);
        await Interop.DownloadAsync($"{_model.Id}.json", json);
    }

    /// <summary>One line per version with instances: how many run on it now and how many ran in all.</summary>
    private async Task<List<string>> PublishCountsAsync()
    {
        var versions = await Api.VersionsAsync(Id);
        if (!versions.Ok)
        {
            return [.. versions.Messages()];
        }
        var lines = versions.Value!.Where(v => v.TotalInstances > 0)
            .Select(v => DesignerText.CanvasRunningOn(v.Version, v.RunningInstances, v.TotalInstances)).ToList();
        return lines.Count == 0 ? [DesignerText.CanvasNoInstances] : lines;
    }

    private void OnActiveActivities(IReadOnlyCollection<string> active)
    {
        foreach (var node in _diagram.Nodes.OfType<ActivityNode>())
        {
            var now = active.Contains(node.Activity.Id);
            if (node.Active != now)
            {
                node.Active = now;
                node.Refresh();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _validation?.Cancel();
        _validation?.Dispose();
        await Interop.DisposeAsync();
    }
}
