using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Turns a feature switch off; refused while a feature that needs it is on, and for a mandatory one.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "CommerceFeature", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CommerceFeature))]
    public sealed class DisableCommerceFeature : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public FeatureId FeatureId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // Refused as the change itself would be, before -WhatIf says what it would do.
            if (!TryRecord(() => Session.Features.CheckDisable(FeatureId), FeatureId)) return;
            if (!ShouldProcess("feature " + FeatureId, "Turn off")) return;
            TryRecord(() =>
            {
                var feature = Session.Features.Disable(FeatureId);
                WriteVerbose("Turned off '" + feature.Name + "'.");
                if (PassThru.IsPresent) WriteObject(feature);
            }, FeatureId);
        }
    }
}
