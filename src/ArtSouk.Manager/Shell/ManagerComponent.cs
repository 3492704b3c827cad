using ArtSouk.Manager.Api;
using ArtSouk.Manager.Language;
using ArtSouk.Manager.Sessions;
using Microsoft.AspNetCore.Components;

namespace ArtSouk.Manager.Shell;

/// <summary>What every manager screen needs: the session, its words, and the API.</summary>
public abstract class ManagerComponent : ComponentBase
{
    [Inject]
    internal ManagerSession Session { get; set; } = default!;

    [Inject]
    internal ManagerApi Api { get; set; } = default!;

    internal ManagerText T => Session.Text;

    internal string L => Session.Locale;
}
