using System;
using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>Lists statements.</summary>
    [Cmdlet(VerbsCommon.Get, "CommerceStatement")]
    [OutputType(typeof(Statement))]
    public sealed class GetCommerceStatement : ChannelScopedCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(StatementIdCompleter))]
        public string[] StatementId { get; set; }

        [Parameter]
        public DateTime BusinessDate { get; set; }

        [Parameter]
        public StatementStatus[] Status { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!TryResolveChannels(Channel, out var channels)) return;
            DateTime? date = MyInvocation.BoundParameters.ContainsKey(nameof(BusinessDate)) ? BusinessDate.Date : (DateTime?)null;
            WriteObject(Session.Orders.Statements(channels, FilterValues.NonEmpty(StatementId), date, Status), true);
        }
    }
}
