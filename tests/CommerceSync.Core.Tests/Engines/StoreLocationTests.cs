using System;
using System.IO;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests.Engines
{
    /// <summary>A store location is parsed once, knows its kind, and never shows its password: not in its text, not in an error.</summary>
    public class StoreLocationTests
    {
        private const string Secret = "PgS3cret";

        [Theory]
        [InlineData("Host=db;Database=retail")]
        [InlineData("host = db; Database=retail")]
        [InlineData("Database=retail;Server=db")]
        [InlineData("Server=db")]
        public void AConnectionStringIsAPostgresStore(string text)
        {
            var location = StoreLocation.Parse(text);
            Assert.Equal(StoreBackend.PostgreSQL, location.Backend);
            Assert.Null(location.FilePath);
        }

        [Theory]
        [InlineData("/var/stores/commerce.db")]
        [InlineData("commerce.db")]
        [InlineData("C:\\stores\\Host=1.db")]
        [InlineData("Hostname.db")]
        public void AnythingElseIsAStoreFile(string text)
        {
            var location = StoreLocation.Parse(text);
            Assert.Equal(StoreBackend.SQLite, location.Backend);
            Assert.Equal(text, location.FilePath);
            Assert.Equal(text, location.Display);
            Assert.Equal(text, location.ToString());
            Assert.False(location.HasSecrets);
        }

        [Fact]
        public void APathIsMadeFullByTheCallersRule()
        {
            var location = StoreLocation.Parse("commerce.db", p => Path.Combine("/work", p));
            Assert.Equal(Path.Combine("/work", "commerce.db"), location.FilePath);
            // A connection string is never taken for a path.
            Assert.Equal(StoreBackend.PostgreSQL, StoreLocation.Parse("Host=db", p => throw new InvalidOperationException()).Backend);
        }

        [Theory]
        [InlineData("Host=db;Database=retail;Password=" + Secret)]
        [InlineData("Host=db;Password=\"" + Secret + ";X\";Database=retail")]
        [InlineData("Host=db;PWD=" + Secret)]
        [InlineData("Host=db;SSL Password=" + Secret)]
        [InlineData("Host=db;Password='" + Secret + "")]
        public void ItsTextNeverHoldsThePassword(string text)
        {
            var location = StoreLocation.Parse(text);
            Assert.DoesNotContain(Secret, location.Display);
            Assert.DoesNotContain(Secret, location.ToString());
            Assert.DoesNotContain(Secret, $"{location}");
            Assert.True(location.HasSecrets);
            // The engine that opens it still has the whole string.
            Assert.Contains(Secret, location.Value);
        }

        [Fact]
        public void APasswordDoesNotMakeAnotherStore()
        {
            var with = StoreLocation.Parse("Host=db;Database=retail;Password=" + Secret);
            var without = StoreLocation.Parse("Host=db;Database=retail");
            Assert.Equal(with, without);
            Assert.Equal(with.GetHashCode(), without.GetHashCode());
            Assert.NotEqual(StoreLocation.Parse("Host=db;Database=other"), without);
        }

        [Fact]
        public void StoreObjectsCarryTheLocationWithoutShowingThePassword()
        {
            var location = StoreLocation.Parse("Host=db;Database=retail;Password=" + Secret);
            var store = new Store(location);
            Assert.Same(location, store.Location);
            Assert.DoesNotContain(Secret, store.Path);
            Assert.DoesNotContain(Secret, store.ToString());
            Assert.Equal(StoreBackend.PostgreSQL, store.Backend);
        }

        [Fact]
        public void EmptyTextIsNoLocation()
        {
            var ex = Assert.Throws<CommerceSyncException>(() => StoreLocation.Parse("  "));
            Assert.Equal(ErrorIds.InvalidValue, ex.ErrorId);
        }

        [Fact]
        public void NoErrorOfAnUnreachableServerShowsThePassword()
        {
            var location = StoreLocation.Parse("Host=127.0.0.1;Port=1;Username=nobody;Password=" + Secret + ";Timeout=2");
            var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(location).Dispose());
            Assert.True(ex.ErrorId == ErrorIds.StoreUnavailable || ex.ErrorId == ErrorIds.PostgresNotSupported, ex.ErrorId);
            Assert.DoesNotContain(Secret, ex.Message);
            Assert.DoesNotContain(Secret, Convert.ToString(ex.Target));
        }

        [Fact]
        public void NoErrorOfAnUnreadableConnectionStringShowsThePassword()
        {
            var location = StoreLocation.Parse("Host=db;Password=" + Secret + ";Frobnicate=1");
            var ex = Assert.Throws<CommerceSyncException>(() => StoreDatabase.Open(location).Dispose());
            Assert.DoesNotContain(Secret, ex.Message);
            Assert.DoesNotContain(Secret, Convert.ToString(ex.Target));
        }
    }
}
