using System.Linq;
using CommerceSync.Jobs;
using CommerceSync.Data;
using Xunit;

namespace CommerceSync.Core.Tests
{
    /// <summary>Every run is recorded with its job, scope, counts and how it ended.</summary>
    public class JobRunTests
    {
        [Fact]
        public void EachJobRecordsItsCountsAndStatus()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Channel("S2");
                s.Customer("S1", "A", address: true);
                s.Customer("S2", "B");
                s.Customer("S2", "Bad", currency: "XX");
                var p = s.PJob();
                var sync = s.Sync();
                var dist = s.Job1010();
                var store = new JobRunStore(s.Db);

                var runs = store.List().ToList();
                Assert.Equal(new[] { JobNames.Job1010, JobNames.SynchronizeCustomers, JobNames.PJob }, runs.Select(r => r.Job));
                Assert.Equal(new[] { dist.RunId, sync.RunId, p.RunId }, runs.Select(r => r.RunId));

                var pr = store.Get(p.RunId);
                Assert.Equal((4L, 0L, JobRunStatus.Completed, JobRunMode.Bulk), (pr.Processed, pr.Failed, pr.Status, pr.Mode));
                Assert.Equal(new[] { "S1", "S2" }, pr.ChannelIds);
                var sr = store.Get(sync.RunId);
                Assert.Equal((3L, 1L, JobRunStatus.CompletedWithErrors), (sr.Processed, sr.Failed, sr.Status)); // A, its address, B; Bad failed
                var dr = store.Get(dist.RunId);
                Assert.Equal((4L, 0L, JobRunStatus.Completed), (dr.Processed, dr.Failed, dr.Status)); // 2 customers x 2 channels
                Assert.All(runs, r => Assert.True(r.Finished >= r.Started));

                // The failed row names the run that failed it.
                Assert.Equal(sync.RunId, s.Db.Scalar<long>("SELECT sync_run_id FROM hq_async_customer WHERE sync_status = 2;"));

                // Runs with nothing to do are recorded too.
                var idle = s.Sync();
                Assert.Equal((0L, 0L, JobRunStatus.Completed), (store.Get(idle.RunId).Processed, store.Get(idle.RunId).Failed, store.Get(idle.RunId).Status));
                Assert.Equal(4, store.List().Count());
                Assert.Equal(2, store.List(jobWildcard: "Synchronize*").Count());
                Assert.Single(store.List(last: 1));
            }
        }

        [Fact]
        public void RunsFilterByStatusAndLastCountsTheMatchingOnes()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "A");
                s.Customer("S1", "Bad", currency: "XX");
                var p = s.PJob();
                var sync = s.Sync();
                var idle = s.Sync();
                var store = new JobRunStore(s.Db);

                Assert.Equal(new[] { sync.RunId }, store.List(statuses: new[] { JobRunStatus.CompletedWithErrors }).Select(r => r.RunId));
                Assert.Equal(new[] { idle.RunId, p.RunId }, store.List(statuses: new[] { JobRunStatus.Completed }).Select(r => r.RunId));
                Assert.Equal(new[] { idle.RunId }, store.List(last: 1, statuses: new[] { JobRunStatus.Completed }).Select(r => r.RunId));
                Assert.Equal(new[] { p.RunId }, store.List(JobNames.PJob, statuses: new[] { JobRunStatus.Completed, JobRunStatus.Failed }).Select(r => r.RunId));
                Assert.Empty(store.List(statuses: new[] { JobRunStatus.Running, JobRunStatus.Interrupted }));
            }
        }

        [Fact]
        public void ARunWithOnlyFailuresCompletesWithErrors()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                s.Customer("S1", "X", email: "x");
                s.Customer("S1", "Y", email: "y");
                s.PJob();
                var run = s.Sync();
                Assert.Equal((0L, 2L, JobRunStatus.CompletedWithErrors), (run.Processed, run.Failed, run.Status));
                Assert.Equal(JobRunStatus.CompletedWithErrors, new JobRunStore(s.Db).Get(run.RunId).Status);
            }
        }

        [Fact]
        public void RecordRunsAreRecordedInRecordMode()
        {
            using (var s = new TestStore())
            {
                s.Channel("S1");
                var a = s.Customer("S1", "A");
                var up = new RecordRun(s.Db, JobNames.PJob);
                new PJob(s.Db).UploadRecords(up, new[] { a });
                up.Complete();
                var sync = new RecordRun(s.Db, JobNames.SynchronizeCustomers, up.Run.RunId);
                new AsyncCustomerSync(s.Db).SyncRecords(sync, new[] { a.AsyncCustomerId });
                sync.Complete();

                var store = new JobRunStore(s.Db);
                var u = store.Get(up.Run.RunId);
                Assert.Equal((JobRunMode.Record, 1L, JobRunStatus.Completed), (u.Mode, u.Processed, u.Status));
                var r = store.Get(sync.Run.RunId);
                Assert.Equal((JobRunMode.Record, 1L, JobRunStatus.Completed, (long?)up.Run.RunId), (r.Mode, r.Processed, r.Status, r.SourceRunId));
                Assert.Equal(new[] { "S1" }, r.ChannelIds);
                Assert.Equal(ErrorIds.JobRunNotFound, Assert.Throws<CommerceSyncException>(() => store.Get(999)).ErrorId);
            }
        }
    }
}
