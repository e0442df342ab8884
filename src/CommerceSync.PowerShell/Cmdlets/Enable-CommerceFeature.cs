using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Turns a feature switch on; refused while one of its prerequisites is off.</summary>
    [Cmdlet(VerbsLifecycle.Enable, "CommerceFeature", SupportsShouldProcess = true)]
    [OutputType(typeof(CommerceFeature))]
    public sealed class EnableCommerceFeature : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        public FeatureId FeatureId { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            // Refused as the change itself would be, before -WhatIf says what it would do.
            if (!TryRecord(() => Session.Features.CheckEnable(FeatureId), FeatureId)) return;
            if (!ShouldProcess("feature " + FeatureId, "Turn on")) return;
            TryRecord(() =>
            {
                var feature = Session.Features.Enable(FeatureId);
                WriteVerbose("Turned on '" + feature.Name + "'.");
                if (PassThru.IsPresent) WriteObject(feature);
            }, FeatureId);
        }
    }
}
