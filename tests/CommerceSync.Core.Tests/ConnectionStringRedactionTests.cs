using System;
using System.ComponentModel;
using System.Linq;
using System.Reflection;
using CommerceSync.Data;
using Npgsql;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>A connection string shown to users keeps everything but its secrets, whatever the spelling or quoting.</summary>
    public class ConnectionStringRedactionTests
    {
        private const string Secret = "PgS3cret";

        [Theory]
        [InlineData("Password=PgS3cret")]
        [InlineData("password=PgS3cret")]
        [InlineData("PWD=PgS3cret")]
        [InlineData("Pwd = PgS3cret")]
        [InlineData("PSW=PgS3cret")]
        [InlineData("SSL Password=PgS3cret")]
        [InlineData("SslPassword=PgS3cret")]
        [InlineData("Password=\"PgS3cret;X\"")]
        [InlineData("Password='PgS3cret;X'")]
        [InlineData("Password=\"Pg\"\"S3cret;X\"")]
        [InlineData("Password=PgS3cret;Password=PgS3cret2")]
        [InlineData("Client Password=PgS3cret")]
        public void EverySecretKeyGoes(string secretPart)
        {
            foreach (var cs in new[] { "Host=127.0.0.1;Port=1;" + secretPart + ";Username=ops", secretPart + ";Host=127.0.0.1", "Host=127.0.0.1;" + secretPart })
            {
                var shown = StoreDatabase.Redact(cs);
                Assert.DoesNotContain("S3cret", shown);
                Assert.DoesNotContain("X\"", shown);
                Assert.DoesNotContain("X'", shown);
                Assert.Contains("127.0.0.1", shown);
                Assert.True(StoreDatabase.IsConnectionString(shown), shown);
            }
        }

        [Fact]
        public void WhatIsNotSecretStays()
        {
            var shown = StoreDatabase.Redact("Host=db.contoso.com;Port=5433;Database=retail;Username=ops;Search Path=commercesync;Passfile=/home/ops/.pgpass;Password=x");
            var b = new NpgsqlConnectionStringBuilder(shown);
            Assert.Equal("db.contoso.com", b.Host);
            Assert.Equal(5433, b.Port);
            Assert.Equal("retail", b.Database);
            Assert.Equal("ops", b.Username);
            Assert.Equal("commercesync", b.SearchPath);
            Assert.Equal("/home/ops/.pgpass", b.Passfile);
            Assert.Null(b.Password);
            Assert.Equal(shown, StoreDatabase.Redact(shown));
        }

        [Theory]
        [InlineData("Host=x;Password=\"PgS3cret")]
        [InlineData("Host=x;Password='PgS3cret;X")]
        [InlineData("Host=x;=PgS3cret")]
        public void AStringThatCannotBeParsedIsNeverEchoed(string cs)
        {
            var shown = StoreDatabase.Redact(cs);
            Assert.Equal(ConnectionStringRedaction.Unreadable, shown);
            Assert.DoesNotContain(Secret, shown);
        }

        /// <summary>Every key Npgsql reads as a password (its name, display name and synonyms) is dropped: the provider cannot read a secret back.</summary>
        [Fact]
        public void NoKeyNpgsqlTreatsAsAPasswordSurvives()
        {
            var secretProperties = typeof(NpgsqlConnectionStringBuilder).GetProperties()
                .Where(p => p.Name.IndexOf("Password", StringComparison.OrdinalIgnoreCase) >= 0 || p.GetCustomAttribute<PasswordPropertyTextAttribute>()?.Password == true)
                .ToList();
            Assert.Contains(secretProperties, p => p.Name == "Password");
            Assert.Contains(secretProperties, p => p.Name == "SslPassword");
            foreach (var p in secretProperties)
            {
                var keys = new[] { p.Name, p.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName }
                    .Concat(p.GetCustomAttributesData().Where(a => a.AttributeType.Name == "NpgsqlConnectionStringPropertyAttribute")
                        .SelectMany(a => a.ConstructorArguments).SelectMany(a => a.Value is System.Collections.IEnumerable e && !(a.Value is string)
                            ? e.Cast<CustomAttributeTypedArgument>().Select(x => x.Value as string) : new[] { a.Value as string }))
                    .Where(k => !string.IsNullOrEmpty(k)).Distinct().ToList();
                foreach (var key in keys)
                {
                    var cs = "Host=127.0.0.1;Port=1;" + key + "=\"" + Secret + ";X\";Username=ops";
                    Assert.Equal(Secret + ";X", p.GetValue(new NpgsqlConnectionStringBuilder(cs))); // Npgsql reads it as this secret
                    var shown = StoreDatabase.Redact(cs);
                    Assert.DoesNotContain(Secret, shown);
                    var back = new NpgsqlConnectionStringBuilder(shown);
                    Assert.Null(back.Password);
                    Assert.Null(back.SslPassword);
                    Assert.Null(p.GetValue(back));
                }
            }
        }
    }
}
