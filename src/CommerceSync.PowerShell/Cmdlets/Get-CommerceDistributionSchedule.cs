using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists the distribution schedules (1010 Customers, 1070 Channel configuration, 1110 Global configuration) with the channel database groups each sends to.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceDistributionSchedule")]
    [OutputType(typeof(DistributionSchedule))]
    public sealed class GetCommerceDistributionSchedule : CommerceCmdlet
    {
        /// <summary>The schedules to show, by id; wildcards allowed. Default: all.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ScheduleIdCompleter))]
        [SupportsWildcards]
        public string[] ScheduleId { get; set; }

        protected override void ProcessCommerceRecord()
        {
            TryRecord(() => WriteObject(Session.Distribution.Schedules(ScheduleId), true), ScheduleId);
        }
    }
}
