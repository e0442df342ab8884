using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>
    /// The values of enums the store keeps: stores written by an earlier release and the SQL that compares these numbers
    /// depend on them, so a renumbered member would silently misread every existing store.
    /// </summary>
    public class PersistedEnumTests
    {
        private static readonly Dictionary<string, string> Pinned = new Dictionary<string, string>
        {
            ["AsyncCustomerStatus"] = "Pending=0 Uploaded=1 Converted=2 Distributed=3 Failed=4 Offline=5",
            ["AsyncOperation"] = "Create=1 Update=2 Deactivate=3",
            ["ContactType"] = "Email=0 Phone=1 Url=2",
            ["RelationshipType"] = "Person=0 Organization=1",
            ["ReceiptOption"] = "Print=0 Email=1 PrintAndEmail=2",
            ["AttributeDataType"] = "Text=0 Integer=1 Decimal=2 Boolean=3",
            ["OperationSyncStatus"] = "Pending=0 Completed=1 Failed=2",
            ["ChannelDatabaseKind"] = "Channel=0 Offline=1",
            ["JobRunStatus"] = "Running=0 Completed=1 CompletedWithErrors=2 Failed=3 Interrupted=4",
            ["JobRunMode"] = "Bulk=0 Record=1",
            ["TransactionType"] = "CashAndCarry=0 CustomerOrder=1",
            ["TransactionStatus"] = "Pending=0 Uploaded=1 Synchronized=2 Posted=3 Failed=4",
            ["StatementStatus"] = "Calculated=0 Posted=1 Failed=2",
            ["ValidationStatus"] = "None=0 Successful=1 Error=2",
            ["StatementKind"] = "Legacy=0 Transactional=1 Financial=2",
            ["SalesOrderOrigin"] = "CustomerOrder=0 Statement=1",
            ["CustomerOrderMode"] = "Asynchronous=0 Synchronous=1 RealTimeWithAsyncBackup=2",
            ["DataSessionType"] = "Upload=0 Download=1",
            ["DataSessionStatus"] = "Applied=0 Failed=1 Skipped=2",
        };

        private static IEnumerable<Type> PersistedEnums() =>
            typeof(JobRunStatus).Assembly.GetTypes().Where(t => t.IsEnum && t.GetCustomAttribute<PersistedAttribute>() != null);

        [Fact]
        public void Every_persisted_enum_keeps_its_values()
        {
            var found = PersistedEnums().ToDictionary(t => t.Name, t => string.Join(" ",
                Enum.GetNames(t).Select(n => n + "=" + Convert.ToInt64(Enum.Parse(t, n)))));
            // A new value may be added (then pinned here); none may change or disappear.
            Assert.Equal(Pinned.Keys.OrderBy(k => k), found.Keys.OrderBy(k => k));
            foreach (var pin in Pinned)
                Assert.True(pin.Value == found[pin.Key], pin.Key + " is " + found[pin.Key] + "; stores keep " + pin.Value + ".");
        }

        [Fact]
        public void Every_member_of_a_persisted_enum_is_written_with_its_value()
        {
            // Reflection cannot tell an implicit value from an explicit one: read the source.
            var names = new HashSet<string>(PersistedEnums().Select(t => t.Name));
            var sources = Directory.GetFiles(Path.Combine(RepoFiles.Root, "src", "CommerceSync.Core"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar));
            var seen = new HashSet<string>();
            foreach (var file in sources)
            {
                foreach (Match m in Regex.Matches(File.ReadAllText(file), @"\[Persisted\]\s*public enum (?<name>\w+)\s*\{(?<body>[^}]*)\}"))
                {
                    seen.Add(m.Groups["name"].Value);
                    var body = Regex.Replace(m.Groups["body"].Value, @"///[^\n]*|//[^\n]*", "");
                    foreach (var member in body.Split(',').Select(x => x.Trim()).Where(x => x.Length > 0))
                        Assert.True(Regex.IsMatch(member, @"^\w+\s*=\s*\d+$"), m.Groups["name"].Value + "." + member + " needs an explicit value.");
                }
            }
            Assert.Equal(names.OrderBy(n => n), seen.OrderBy(n => n));
        }
    }
}
