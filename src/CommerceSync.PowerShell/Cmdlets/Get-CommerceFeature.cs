using System.Linq;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists the feature switches of async customer mode with their Commerce version, prerequisites and state.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceFeature")]
    [OutputType(typeof(CommerceFeature))]
    public sealed class GetCommerceFeature : CommerceCmdlet
    {
        /// <summary>The features to show, by id. Default: all.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public FeatureId[] FeatureId { get; set; }

        /// <summary>The features to show, by the name Feature management gives them; wildcards allowed.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(FeatureNameCompleter))]
        [SupportsWildcards]
        public string[] Name { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var patterns = (Name ?? new string[0]).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
            var features = Terminating(() => Session.Features.Read());
            WriteObject(features.Where(f => (FeatureId == null || FeatureId.Length == 0 || FeatureId.Contains(f.FeatureId))
                && (patterns.Length == 0 || patterns.Any(p => p.IsMatch(f.Name)))), true);
        }
    }
}
