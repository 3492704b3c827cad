namespace ArtSouk.Manager.Content;

/// <summary>What a dashboard line shows beside its title.</summary>
public enum DashboardDetail
{
    /// <summary>When it was last changed.</summary>
    Updated,

    /// <summary>When its schedule runs, in Riyadh time.</summary>
    Schedule,

    /// <summary>When its schedule failed, and why.</summary>
    Failure,

    /// <summary>When it was sent for review, and the note.</summary>
    Review,
}
