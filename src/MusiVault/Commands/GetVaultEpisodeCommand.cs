using System.Management.Automation;
using MusiVault.Engine.Query;

namespace MusiVault.Commands;

[Cmdlet(VerbsCommon.Get, "VaultEpisode", DefaultParameterSetName = QuerySet)]
[OutputType(typeof(VaultEpisode))]
public sealed class GetVaultEpisodeCommand : VaultQueryCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    public string? Name { get; set; }

    [Parameter]
    [SupportsWildcards]
    public string? Show { get; set; }

    /// <summary>An object another MusiVault cmdlet wrote: lists what relates to it, or says why nothing can.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = RelatedSet)]
    public IVaultObject? InputObject { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = QuerySet)]
    [Alias("EpisodeId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter]
    public SwitchParameter Saved { get; set; }

    [Parameter]
    public SwitchParameter IncludeRemoved { get; set; }

    /// <summary>Point in time: the playlist or saved collection as it was then (a DateTime without a kind is local time).</summary>
    [Parameter]
    public DateTimeOffset? AsOf { get; set; }

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? First { get; set; }

    protected override void ProcessRecord()
    {
        var query = new EpisodeQuery
        {
            Name = Name,
            Show = Show,
            Ids = Id,
            Saved = Saved,
            IncludeRemoved = IncludeRemoved,
            AsOf = AsOf,
            First = First,
        };
        WriteEach(() => Queries.Episodes(InputObject is null ? query : VaultRelations.Episodes(query, InputObject)), VaultRelations.NoRelationErrorId);
    }
}
