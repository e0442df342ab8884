using System.Management.Automation;

namespace CommerceSync
{
    /// <summary>
    /// Defines a customer attribute (dev-itpro/customer-attributes.md): its type, a fixed list of values (text) or a value
    /// range (integer, decimal), and its attribute group. A store checks attributes against the definitions of its customer
    /// attribute group (Set-CommerceStore -CustomerAttributeGroup); with none set, attributes stay free text.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "CommerceCustomerAttribute", SupportsShouldProcess = true)]
    [OutputType(typeof(CustomerAttributeDefinition))]
    public sealed class NewCommerceCustomerAttribute : CommerceCmdlet
    {
        protected override bool TakesRows => true;

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        /// <summary>Text, Integer, Decimal or Boolean (datetime and reference types are not supported).</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public AttributeDataType DataType { get; set; }

        /// <summary>The fixed list of values of a Text attribute.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[] AllowedValues { get; set; }

        /// <summary>The lowest value of an Integer or Decimal attribute.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public decimal Minimum { get; set; }

        /// <summary>The highest value of an Integer or Decimal attribute.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public decimal Maximum { get; set; }

        /// <summary>The attribute group it belongs to.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(AttributeGroupCompleter))]
        public string Group { get; set; }

        protected override void ProcessCommerceRecord()
        {
            if (!ShouldProcess(Name, "Define customer attribute (" + DataType + ")")) return;
            // Bound for this record (PowerShell unbinds what the previous pipeline object bound by property name).
            var min = MyInvocation.BoundParameters.ContainsKey(nameof(Minimum)) ? Minimum : (decimal?)null;
            var max = MyInvocation.BoundParameters.ContainsKey(nameof(Maximum)) ? Maximum : (decimal?)null;
            TryRecord(() => WriteObject(Session.CustomerAttributes.Define(Name, DataType, AllowedValues, min, max, Group)), Name);
        }
    }
}
