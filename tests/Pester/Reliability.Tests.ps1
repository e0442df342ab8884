# Crash, concurrency, busy store, backup, personal data. The same harness runs at full size with ./build.ps1 Stress.
BeforeDiscovery {
    # In the second pass (every store on PostgreSQL): the crash, concurrency and busy harness is Postgres.Tests.ps1's (first pass), backups are of store files.
    $script:PostgresPass = $env:COMMERCESYNC_TEST_BACKEND -eq 'PostgreSQL'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-Module $ModuleManifest -Force
    $script:Stress = Join-Path $PSScriptRoot '../../build/Stress.ps1'
}

Describe 'Runbooks that die mid-job lose nothing and create nothing twice' {
    It 'survives SIGKILL at random points of every job, rerunning each' -Skip:$PostgresPass {
        # Small chunks, so a small run has chunks to be killed between and inside (build.ps1 Stress uses the jobs' default).
        # A foreign sqlite3 reader and a second CommerceSync process making other stores run next to every round; four rounds,
        # so each job is still killed inside a run at least once when they slow the machine down.
        $r = & $Stress -Mode Crash -Rounds 4 -CustomersPerRound 300 -ChunkSize 20 -Folder (Join-Path $TestDrive 'crash')
        $midRunPerJob = ($r.MidRunPerJob.psobject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ', '
        Write-Host ("crash: {0} kills ({1} inside a recorded run: {10}; {2} at random times; {3}), {4} async customers, {5} transactions, {6} foreign reads ({7} during jobs), {8} other stores, {9} lost" -f $r.Kills, $r.KillsMidRun, $r.KillsAtRandomTimes, $r.KillsPerJob, $r.AsyncCustomers, $r.Transactions, $r.ForeignReads, $r.ForeignReadsDuringJobs, $r.OtherStoresCreated, $r.Lost, $midRunPerJob)
        $r.Kills | Should -BeGreaterOrEqual 12
        $r.KillsAtRandomTimes | Should -BeGreaterOrEqual 1 -Because 'not every kill follows a progress line'
        $r.ForeignReadsDuringJobs | Should -BeGreaterThan 0
        $r.OtherStoresCreated | Should -BeGreaterThan 0
        # Kills follow each job's own progress lines, so most land inside the run: every job is killed mid-run at least once.
        foreach ($job in 'P-job', 'Sync', 'Orders', 'Validation', 'Statement', '1010') { $r.MidRunPerJob.$job | Should -BeGreaterOrEqual 1 -Because "$job must be killed inside a run" }
        $r.KillsMidRun | Should -BeGreaterOrEqual ($r.Kills / 2)
        $r.KilledRunsNotShownInterrupted | Should -Be 0 -Because 'a run whose process was killed shows as Interrupted'
        $r.ViolationsAfterReruns | Should -Be 0
        Assert-NothingLostNothingTwice $r
        $r.NotDistributed | Should -Be 0
        $r.AsyncCustomers | Should -Be 1200
        $r.Transactions | Should -Be 124 -Because 'each round adds 15 orders, 15 sales and one sale for a customer HQ refuses'
        $r.HeldByValidation | Should -BeGreaterThan 0 -Because 'in trickle feed (a new store) validation holds a refused customer''s sale, and it waits'
        $r.StatementSalesOrders | Should -BeGreaterThan 0 -Because 'trickle-feed posting invoices a sales order per customer per statement'
        $r.FinancialStatements | Should -BeGreaterThan 0 -Because 'the end-of-day run posts a financial statement per store day'
        $r.SalesHeld | Should -Be $r.HeldByValidation -Because 'only the refused customers'' own sales wait, not their store day'
    }

    It 'shows a run whose process died as Interrupted' {
        $db = New-TestStore
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        1..300 | ForEach-Object { [pscustomobject]@{ FirstName = "N$_" } } | New-AsyncCustomer -Channel S1 | Out-Null
        $script = Join-Path $TestDrive 'die.ps1'
        # The job reports each chunk on the verbose stream; the process kills itself after the first one.
        Set-Content $script @"
Import-Module '$ModuleManifest'
Invoke-PJob -Store '$db' -ChunkSize 10 -Verbose 4>&1 | ForEach-Object { if ("`$_" -like 'Uploaded*') { [Environment]::FailFast('killed mid-run') } }
"@
        & $Pwsh -NoProfile -NonInteractive -File $script 2>&1 | Out-Null
        $run = Get-CommerceJobRun -Last 1
        $run.Status | Should -Be 'Interrupted'
        $run.Message | Should -Match 'ended before it finished'
        (Invoke-PJob).Status | Should -Be 'Completed'
        @(Get-AsyncCustomer -Status Pending).Count | Should -Be 0
        Test-CommerceStore | Should -BeTrue
    }
}

Describe 'Several workers on one store' {
    It 'runs the same job and different jobs from 2 and 4 processes at once with no duplicates, nothing lost, no locked errors' -Skip:$PostgresPass {
        $r = & $Stress -Mode Concurrency -Workers 2, 4 -CustomersPerRound 200 -ChunkSize 20 -Folder (Join-Path $TestDrive 'conc')
        Write-Host ("concurrency: {0} concurrent runs, {1} failed, {2} lost" -f $r.ConcurrentRuns, $r.FailedRuns, $r.Lost)
        $r.ConcurrentRuns | Should -Be 42 -Because 'each of the six jobs, then different jobs, from 2 and then 4 processes'
        $r.FailedRuns | Should -Be 0 -Because "$($r.FirstFailure)"
        Assert-NothingLostNothingTwice $r
    }

    It 'fails with StoreBusy after the configured timeout when another process holds the store' -Skip:$PostgresPass {
        $r = & $Stress -Mode Busy -Folder (Join-Path $TestDrive 'busy')
        $r.ErrorId | Should -Be 'StoreBusy,CommerceSync.InvokePJob'
        $r.ExitCode | Should -Be 3
        $r.Seconds | Should -BeLessThan 15
    }

    It 'keeps the busy timeout as a store setting' {
        New-TestStore | Out-Null
        Set-CommerceStore -BusyTimeout 7
        (Get-CommerceStore).BusyTimeout.TotalSeconds | Should -Be 7
    }
}

Describe 'Test-CommerceStore finds damage no query of the tables sees' -Skip:$PostgresPass {
    BeforeAll {
        $script:Sqlite3 = (Get-Command sqlite3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        # A converted store written by another process, which has ended: every change is in the file, no connection holds it.
        function New-ClosedStore([string] $Name) {
            $path = Join-Path $TestDrive $Name
            Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
New-CommerceStore '$path' | Out-Null
New-CommerceChannel S1 -AsyncCustomerMode -Store '$path' | Out-Null
1..200 | ForEach-Object { [pscustomobject]@{ FirstName = "F`$_"; Email = "f`$_@example.com" } } | New-AsyncCustomer -Channel S1 -Store '$path' | Out-Null
Invoke-PJob -Store '$path' | Convert-AsyncCustomer -Store '$path' | Invoke-Job1010 -Store '$path' | Out-Null
"@ | Out-Null
            $path
        }
        function Set-Byte([string] $Path, [long] $Offset, [scriptblock] $Change) {
            $f = [IO.File]::Open($Path, 'Open', 'ReadWrite')
            try { $f.Position = $Offset; $b = $f.ReadByte(); $f.Position = $Offset; $f.WriteByte([byte](& $Change $b)) } finally { $f.Dispose() }
        }
        function Get-PageSize([string] $Path) { [long](& $Sqlite3 $Path 'PRAGMA page_size') }
    }

    It 'needs the sqlite3 command-line client (Debian package sqlite3)' {
        $Sqlite3 | Should -Not -BeNullOrEmpty -Because 'the damage tests and the stress harness read the store with a client of their own'
    }

    It 'finds a 1-byte flip in a page of the file (PRAGMA quick_check)' {
        $db = New-ClosedStore 'flip.db'
        Test-CommerceStore -Store $db | Should -BeTrue
        $page = [long](& $Sqlite3 $db "SELECT rootpage FROM sqlite_master WHERE name = 'party'")
        # The first byte of a b-tree page says what kind of page it is.
        Set-Byte $db (($page - 1) * (Get-PageSize $db)) { param($b) $b -bxor 0xFF }
        Test-CommerceStore -Store $db | Should -BeFalse
        $physical = Test-CommerceStore -Store $db -Detailed | Where-Object Check -eq 'PhysicalIntegrity'
        $physical.Count | Should -BeGreaterThan 0
        $physical.Description | Should -Match "(?s)quick_check found: .*page $page\b"
    }

    It 'finds an index that disagrees with its table with -Full (PRAGMA integrity_check)' {
        $db = New-ClosedStore 'index.db'
        # A character of an async link in a leaf page of retail_cust_table: the row changes, its index entry does not.
        $page = [long](& $Sqlite3 $db "SELECT pageno FROM dbstat WHERE name = 'retail_cust_table' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1")
        $size = Get-PageSize $db
        $bytes = [IO.File]::ReadAllBytes($db)[(($page - 1) * $size)..($page * $size - 1)]
        # The page's first cell (its offset is the first entry of the cell pointer array after the 8-byte leaf header): a
        # live row, not freed space that still holds an old one.
        $cell = $bytes[8] * 256 + $bytes[9]
        $m = [regex]::Match([Text.Encoding]::ASCII.GetString($bytes, $cell, $size - $cell), '[0-9a-f]{8}-[0-9a-f]{4}-')
        $m.Success | Should -BeTrue
        Set-Byte $db (($page - 1) * $size + $cell + $m.Index + 3) { param($b) if ($b -eq [byte][char]'g') { [byte][char]'h' } else { [byte][char]'g' } }
        (Test-CommerceStore -Store $db -Detailed | Where-Object Check -eq 'PhysicalIntegrity').Count | Should -Be 0 -Because 'quick_check does not compare indexes with their tables'
        Test-CommerceStore -Store $db -Full | Should -BeFalse
        $full = Test-CommerceStore -Store $db -Full -Detailed | Where-Object Check -eq 'PhysicalIntegrity'
        $full.Count | Should -BeGreaterThan 0
        $full.Description | Should -Match 'integrity_check found'
    }

    It 'finds a number sequence behind the accounts it issued' {
        $db = New-ClosedStore 'sequence.db'
        & $Sqlite3 $db "UPDATE number_sequence SET next_value = next_value - 5 WHERE code = 'Customer'"
        Test-CommerceStore -Store $db | Should -BeFalse
        (Test-CommerceStore -Store $db -Detailed | Where-Object Check -eq 'NumberSequenceAhead').Count | Should -Be 5
    }
}

# The store must survive another SQLite client (DB Browser, a backup agent, a monitoring script) reading it while a job
# runs, and another CommerceSync process working on other stores next to it. SQLite's locks are POSIX advisory locks:
# closing any descriptor of the file in the process that holds them drops them all, and a foreign client that then
# finds no lock treats the live WAL as left over and deletes it. So a CommerceSync process opens a store's files only
# through SQLite (see Data/Engines/Sqlite/SqliteFiles.cs), and these tests hold it to that.
Describe 'A foreign SQLite client next to a running job' -Tag ForeignReader -Skip:$PostgresPass {
    BeforeAll {
        $script:Sqlite3 = (Get-Command sqlite3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1).Source
        function Start-Pwsh([string] $Script) {
            $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
            Set-Content -LiteralPath $file -Value $Script
            $info = [Diagnostics.ProcessStartInfo]::new($Pwsh, "-NoProfile -NonInteractive -File `"$file`"")
            # stdin too: the child waits on it until the test ends it (CI runs with no standard input, where it would end at once).
            $info.RedirectStandardInput = $true; $info.RedirectStandardOutput = $true; $info.RedirectStandardError = $true; $info.UseShellExecute = $false
            [Diagnostics.Process]::Start($info)
        }
        function Wait-Line([Diagnostics.Process] $Process, [string] $Line) {
            while ($null -ne ($l = $Process.StandardOutput.ReadLine())) { if ($l -eq $Line) { return } }
            throw "The child ended before '$Line': $($Process.StandardError.ReadToEnd())"
        }
    }

    It 'keeps a pwsh process that opened the store twice holding its lock: a foreign journal-mode change is refused' {
        $db = Join-Path $TestDrive 'locked.db'
        New-CommerceStore $db | Out-Null
        New-CommerceChannel S1 -Store $db | Out-Null
        $p = Start-Pwsh @"
Import-Module '$ModuleManifest'
Get-CommerceStore -Store '$db' | Out-Null
Get-CommerceStore -Store '$db' | Out-Null
[Console]::Out.WriteLine('open'); [Console]::Out.Flush()
[Console]::In.ReadLine() | Out-Null
"@
        try {
            Wait-Line $p 'open'
            # A connection of that process holds SHARED on the file; a client that can change the journal mode found none.
            $out = & $Sqlite3 $db 'PRAGMA journal_mode=DELETE' 2>&1
            "$out" | Should -Match 'database is locked'
            Test-Path "$db-wal" | Should -BeTrue
        }
        finally { if (-not $p.HasExited) { $p.Kill() }; $p.WaitForExit() }
    }

    It 'stays intact while the sqlite3 CLI reads it during a job over 50k customers, 10 rounds' {
        $template = Join-Path $TestDrive 'uploaded.db'
        Invoke-FreshPwsh @"
Import-Module '$ModuleManifest'
New-CommerceStore '$template' | Out-Null
New-CommerceChannel S1 -AsyncCustomerMode -Store '$template' | Out-Null
New-CommerceChannel S2 -AsyncCustomerMode -Store '$template' | Out-Null
1..50000 | ForEach-Object { [pscustomobject]@{ Channel = ('S1', 'S2')[`$_ % 2]; FirstName = "F`$_"; Email = "f`$_@example.com" } } | New-AsyncCustomer -Store '$template' | Out-Null
Invoke-PJob -Store '$template' | Out-Null
"@ | Out-Null
        $reads = 0; $walMissing = 0
        foreach ($round in 1..10) {
            $db = Join-Path $TestDrive "s$round.db"
            Copy-Item $template $db
            $p = Start-Pwsh @"
Import-Module '$ModuleManifest'
Get-CommerceStore -Store '$db' | Out-Null
[Console]::Out.WriteLine('open'); [Console]::Out.Flush()
Convert-AsyncCustomer -Store '$db' -WarningAction SilentlyContinue | Out-Null
[Console]::Out.WriteLine('converted'); [Console]::Out.Flush()
[Console]::In.ReadLine() | Out-Null
"@
            Wait-Line $p 'open'
            $done = $p.StandardOutput.ReadLineAsync()
            try {
                while (-not $done.IsCompleted) {
                    & $Sqlite3 $db 'select count(*) from cust_table' 2>&1 | Out-Null
                    $reads++
                    # The job's process holds the store open: its WAL holds the commits not yet in the file.
                    if (-not (Test-Path "$db-wal")) { $walMissing++ }
                    Start-Sleep -Milliseconds 50
                }
                $done.Result | Should -Be 'converted'
            }
            finally { if (-not $p.HasExited) { $p.Kill() }; $p.WaitForExit() }
            $walMissing | Should -Be 0 -Because "round $round`: a foreign reader must never delete the WAL of a store in use"
            & $Sqlite3 $db 'pragma integrity_check' | Should -Be 'ok' -Because "round $round"
            @(Get-AsyncCustomer -Store $db -Status Converted).Count | Should -Be 50000
            Test-CommerceStore -Store $db | Should -BeTrue
        }
        Write-Host "foreign reader: $reads reads during 10 jobs over 50k customers"
        $reads | Should -BeGreaterOrEqual 10
    }
}

Describe 'Backup-CommerceStore' -Skip:$PostgresPass {
    It 'takes a consistent copy while a job runs, and the restored copy passes the invariants' {
        $db = New-TestStore
        foreach ($ch in 'S1', 'S2') { New-CommerceChannel -ChannelId $ch -AsyncCustomerMode | Out-Null }
        1..600 | ForEach-Object { [pscustomobject]@{ Channel = ('S1', 'S2')[$_ % 2]; FirstName = "B$_"; Email = "b$_@example.com" } } | New-AsyncCustomer | Out-Null
        $job = Join-Path $TestDrive 'job.ps1'
        Set-Content $job "Import-Module '$ModuleManifest'; Invoke-PJob -Store '$db' -ChunkSize 5 | Convert-AsyncCustomer -Store '$db' -ChunkSize 5 | Invoke-Job1010 -Store '$db' -ChunkSize 5 | Out-Null"
        $p = Start-Process $Pwsh -ArgumentList '-NoProfile', '-NonInteractive', '-File', $job -PassThru
        $copies = foreach ($i in 1..3) {
            Start-Sleep -Milliseconds 400
            Backup-CommerceStore -Destination (Join-Path $TestDrive "copy$i.db")
        }
        $p.WaitForExit()
        $copies.Count | Should -Be 3
        foreach ($copy in $copies) {
            Test-CommerceStore -Store $copy.Path | Should -BeTrue -Because "$($copy.Path) is a consistent copy"
            # Restored and resumed, a copy converges to the same end state.
            Invoke-PJob -Store $copy.Path | Out-Null; Convert-AsyncCustomer -Store $copy.Path | Out-Null; Invoke-Job1010 -Store $copy.Path | Out-Null
            @(Get-AsyncCustomer -Store $copy.Path -Status Distributed).Count | Should -Be 600
            Test-CommerceStore -Store $copy.Path | Should -BeTrue
        }
        if (-not $IsWindows) { (Get-Item $copies[0].Path).UnixFileMode | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite') }
    }
}

Describe 'Personal data stays out of errors and verbose output' {
    It 'names no email or phone in the errors and verbose lines of a conversion' {
        New-TestStore | Out-Null
        New-CommerceChannel -ChannelId S1 -AsyncCustomerMode | Out-Null
        New-AsyncCustomer S1 -FirstName Pat -Email 'pat.private@example.com' -Phone '+1 555 0123' | Out-Null
        New-AsyncCustomer S1 -FirstName Bad -Email 'secret-but-broken' -Phone 'call me' | Out-Null
        $uploaded = Get-AsyncCustomer | Invoke-PJob -Verbose 4>&1
        $converted = $uploaded | Where-Object { $_ -is [CommerceSync.AsyncCustomer] } | Convert-AsyncCustomer -Verbose -ErrorAction SilentlyContinue -ErrorVariable err 4>&1
        $distributed = $converted | Where-Object { $_ -is [CommerceSync.Customer] } | Invoke-Job1010 -Verbose 4>&1
        $verbose = @($uploaded) + @($converted) + @($distributed) | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        @($verbose).Count | Should -BeGreaterThan 3
        $text = (@($verbose.Message) + @($err | ForEach-Object { $_.Exception.Message }) + @(Get-AsyncCustomer -Status Failed).Error) -join "`n"
        # The refused record, then the run that refused it: neither names the email or phone.
        $err.Count | Should -Be 2
        $err[1].FullyQualifiedErrorId | Should -Be 'RecordsFailed,CommerceSync.ConvertAsyncCustomer'
        # The whole phone, not a fragment of it: a PostgreSQL test schema name is random hex and may hold any 4 digits.
        $text | Should -Not -Match 'pat\.private|secret-but-broken|555 ?0123|call me'
    }
}
