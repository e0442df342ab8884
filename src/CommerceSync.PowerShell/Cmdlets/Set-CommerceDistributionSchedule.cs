using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Changes the channel database groups a distribution schedule sends to, and its "Exclude from offline databases".</summary>
    [Cmdlet(VerbsCommon.Set, "CommerceDistributionSchedule", SupportsShouldProcess = true)]
    [OutputType(typeof(DistributionSchedule))]
    public sealed class SetCommerceDistributionSchedule : CommerceCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ScheduleIdCompleter))]
        [ValidateNotNullOrEmpty]
        public string ScheduleId { get; set; }

        /// <summary>The channel database groups the schedule sends to from now on (replacing the ones it had).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(DatabaseGroupCompleter))]
        [ValidateNotNullOrEmpty]
        public string[] DatabaseGroup { get; set; }

        /// <summary>-ExcludeFromOfflineDatabases: the schedule sends to channel databases only; -ExcludeFromOfflineDatabases:$false: to offline databases too.</summary>
        [Parameter]
        public SwitchParameter ExcludeFromOfflineDatabases { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessCommerceRecord()
        {
            var change = MyInvocation.BoundParameters.ContainsKey(nameof(DatabaseGroup)) ? "send to " + string.Join(", ", DatabaseGroup) : null;
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ExcludeFromOfflineDatabases)))
            {
                var offline = ExcludeFromOfflineDatabases.IsPresent ? "exclude offline databases" : "include offline databases";
                change = change == null ? offline : change + "; " + offline;
            }
            if (!ShouldProcess("distribution schedule " + ScheduleId, change == null ? "Change nothing" : "Change: " + change)) return;
            TryRecord(() =>
            {
                var schedule = Session.Distribution.Set(ScheduleId, DatabaseGroup,
                    MyInvocation.BoundParameters.ContainsKey(nameof(ExcludeFromOfflineDatabases)) ? ExcludeFromOfflineDatabases.IsPresent : (bool?)null);
                if (PassThru.IsPresent) WriteObject(schedule);
            }, ScheduleId);
        }
    }
}
