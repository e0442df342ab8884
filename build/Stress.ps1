# Reliability harness: kills jobs with SIGKILL at random points and runs jobs from several processes at once,
# then checks the store's invariants. `./build.ps1 Stress` runs it at full size; the Pester suite runs it small.
# Returns one summary object: kills (per job, and how many landed inside a recorded run), concurrent runs, violations and
# records lost (must be 0).
[CmdletBinding()]
param(
    [ValidateSet('Crash', 'Concurrency', 'Busy')]
    [string] $Mode = 'Crash',
    [int] $Rounds = 4,
    # Crash: kills of each job per round, at random points, before the rerun that finishes it.
    [int] $KillsPerJob = 1,
    [int] $CustomersPerRound = 400,
    [int[]] $Workers = @(2, 4),
    [int] $ChunkSize = 25,
    [int] $Seed = 7,
    [string] $Folder = (Join-Path ([IO.Path]::GetTempPath()) "commercesync-stress-$PID"),
    # A store on PostgreSQL instead of a file: Host=...;Search Path=<a schema of its own> (replaced if it holds a store).
    [string] $ConnectionString
)

$ErrorActionPreference = 'Stop'
$manifest = (Resolve-Path (Join-Path $PSScriptRoot '../CommerceSync.psd1')).Path
Import-Module $manifest -Force
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
New-Item -ItemType Directory -Path $Folder -Force | Out-Null
$store = if ($ConnectionString) { $ConnectionString } else { Join-Path $Folder "stress-$Mode.db" }
$rng = [Random]::new($Seed)

# The jobs every round exercises, each as a child process runs it.
$jobs = [ordered]@{
    'P-job'     = "Invoke-PJob -ChunkSize $ChunkSize"
    'Sync'      = "Convert-AsyncCustomer -ChunkSize $ChunkSize -ErrorAction SilentlyContinue"
    'Orders'    = "Sync-CommerceOrder -ChunkSize $ChunkSize -ErrorAction SilentlyContinue"
    'Statement' = 'Invoke-StatementPosting -WarningAction SilentlyContinue'
    '1010'      = "Invoke-Job1010 -ChunkSize $ChunkSize"
}

# Their names in the job history.
$jobNames = @{ 'P-job' = 'P-job'; 'Sync' = 'Synchronize customers and channel requests'; 'Orders' = 'Synchronize orders'; 'Statement' = 'Statement posting'; '1010' = '1010' }

function New-StressStore {
    if ($ConnectionString) { New-CommerceStore -ConnectionString $store -Force | Out-Null } else { New-CommerceStore -Path $store -Force | Out-Null }
    foreach ($ch in 'S0001', 'S0002', 'S0003') { New-CommerceChannel -ChannelId $ch -AsyncCustomerMode -OfflineDatabase:($ch -eq 'S0003') -Store $store | Out-Null }
}

# Customers (a few invalid), their edits, and sales that reference some of them.
function Add-Work([int] $Count, [int] $Round) {
    $channels = 'S0001', 'S0002', 'S0003'
    $rows = foreach ($i in 1..$Count) {
        [pscustomobject]@{
            Channel = $channels[$i % 3]; FirstName = "R$Round"; LastName = "C$i"
            Email = if ($i % 97 -eq 0) { 'broken' } else { "r$Round.c$i@example.com" }
            Street = "$i Main St"; City = 'Town'; Country = 'USA'
        }
    }
    $created = @($rows | New-AsyncCustomer -Store $store -Attribute @{ Round = $Round })
    $created | Select-Object -First ([Math]::Max(1, $Count / 10)) | ForEach-Object {
        Set-AsyncCustomer -Channel $_.ChannelId -AsyncCustomerId $_.AsyncCustomerId -Phone "+1 555 $($rng.Next(1000, 9999))" -Store $store
    }
    $created | Select-Object -Skip 5 -First ([Math]::Max(1, $Count / 20)) | ForEach-Object {
        $_ | New-CommerceTransaction -Store $store -Type CustomerOrder -Amount ($rng.Next(5, 500)) | Out-Null
        $_ | New-CommerceTransaction -Store $store -Amount ($rng.Next(1, 50)) -BusinessDate ([datetime]'2026-11-01').AddDays($Round) | Out-Null
    }
    # A sale for a customer HQ will refuse: its store day's statement is not posted, and its sales wait for it.
    $created | Where-Object Email -eq 'broken' | Select-Object -First 1 | ForEach-Object {
        $_ | New-CommerceTransaction -Store $store -Amount 7 -BusinessDate ([datetime]'2026-11-01').AddDays($Round) | Out-Null
    }
}

function Start-Job([string] $Command, [hashtable] $Environment = @{}) {
    # The child writes 'started', then a line per verbose message (the jobs say what each chunk did), then 'finished'.
    $script = Join-Path $Folder "job-$([guid]::NewGuid().ToString('N')).ps1"
    Set-Content -LiteralPath $script -Value @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Connect-CommerceStore '$store' | Out-Null
[Console]::Out.WriteLine('started'); [Console]::Out.Flush()
`$VerbosePreference = 'Continue'
& {
$Command
} 4>&1 | ForEach-Object { if (`$_ -is [System.Management.Automation.VerboseRecord]) { [Console]::Out.WriteLine('verbose ' + `$_.Message); [Console]::Out.Flush() } }
[Console]::Out.WriteLine('finished')
"@
    $info = [Diagnostics.ProcessStartInfo]::new($pwsh, "-NoProfile -NonInteractive -File `"$script`"")
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.UseShellExecute = $false
    foreach ($k in $Environment.Keys) { $info.Environment[$k] = $Environment[$k] }
    [Diagnostics.Process]::Start($info)
}

function Wait-Job([Diagnostics.Process] $Process) {
    $out = $Process.StandardOutput.ReadToEndAsync()
    $err = $Process.StandardError.ReadToEndAsync()
    $Process.WaitForExit()
    [pscustomobject]@{ ExitCode = $Process.ExitCode; Out = $out.Result; Err = $err.Result }
}

function Get-Violations {
    Test-CommerceStore -Store $store -Detailed | Where-Object Count -gt 0
}

function Complete-All {
    # Everything due, in order, twice: the second pass must find nothing to do.
    foreach ($pass in 1, 2) {
        Invoke-PJob -Store $store | Out-Null
        Convert-AsyncCustomer -Store $store -ErrorAction SilentlyContinue | Out-Null
        Sync-CommerceOrder -Store $store -ErrorAction SilentlyContinue | Out-Null
        Invoke-StatementPosting -Store $store -WarningAction SilentlyContinue | Out-Null
        Invoke-Job1010 -Store $store | Out-Null
    }
}

# What must hold at the end, whatever was killed or ran at once.
function Get-FinalCheck {
    $lost = @(Get-AsyncCustomer -Store $store -Status Pending, Uploaded).Count
    # A sale or an order still waiting after every job ran twice was lost on the way; Failed ones say why, and a cash sale
    # of a store day whose statement was refused (it references a customer HQ refused) waits for that statement, as it should.
    $refused = @(Get-CommerceStatement -Store $store -Status Failed | ForEach-Object { "$($_.ChannelId)|$($_.BusinessDate.ToString('yyyy-MM-dd'))" })
    $waiting = @(Get-CommerceTransaction -Store $store -Status Pending, Uploaded)
    $held = @($waiting | Where-Object { $_.Type -eq 'CashAndCarry' -and $_.Status -eq 'Uploaded' -and "$($_.ChannelId)|$($_.BusinessDate.ToString('yyyy-MM-dd'))" -in $refused })
    $lostSales = $waiting.Count - $held.Count
    $async = @(Get-AsyncCustomer -Store $store)
    $valid = @($async | Where-Object Status -ne 'Failed')
    # Set-based: one read of HQ, grouped by the async link, instead of one lookup per customer.
    $hq = @(Get-CommerceCustomer -Store $store)
    $byAsync = $hq | Where-Object AsyncCustomerId | Group-Object AsyncCustomerId -AsHashTable
    $badAccounts = @($valid | Where-Object { -not $byAsync -or -not $byAsync.ContainsKey($_.AsyncCustomerId) -or @($byAsync[$_.AsyncCustomerId]).Count -ne 1 }).Count
    $notDistributed = @($valid | Where-Object Status -ne 'Distributed').Count
    $accounts = @($hq | ForEach-Object { "$($_.DataAreaId)|$($_.AccountNumber)" })
    $orders = @(Get-CommerceTransaction -Store $store -Type CustomerOrder -Status Synchronized)
    [pscustomobject]@{
        AsyncCustomers       = $async.Count
        Converted            = $valid.Count
        NotExactlyOneAccount = $badAccounts
        DuplicateAccounts    = $accounts.Count - @($accounts | Sort-Object -Unique).Count
        NotDistributed       = $notDistributed
        Transactions         = @(Get-CommerceTransaction -Store $store).Count
        SalesHeldByRefusedStatements = $held.Count
        DuplicateSalesOrders = $orders.Count - @($orders.SalesId | Sort-Object -Unique).Count
        Lost                 = $lost + $lostSales
        Violations           = @(Get-Violations | ForEach-Object { "$($_.Check)=$($_.Count)" }) -join '; '
    }
}

New-StressStore
$summary = [ordered]@{ Mode = $Mode }

switch ($Mode) {
    'Crash' {
        $kills = [ordered]@{}; $midRun = [ordered]@{}; $notShownInterrupted = 0; $violationsAfterRerun = 0
        # How many progress lines each job wrote when last run to the end: kills land at a random one of them.
        $estimate = @{}
        foreach ($job in $jobs.Keys) { $kills[$job] = 0; $midRun[$job] = 0; $estimate[$job] = 4 }
        foreach ($round in 1..$Rounds) {
            Add-Work -Count $CustomersPerRound -Round $round
            foreach ($job in $jobs.Keys) {
                $killed = @()
                foreach ($k in 1..$KillsPerJob) {
                    $p = Start-Job $jobs[$job]
                    # Kill after a random number of the job's own progress lines (its start, then one per chunk or step),
                    # so the kill lands inside the run, between or within chunks, never in the process start-up.
                    $target = $rng.Next(0, [Math]::Max(1, [int]($estimate[$job] * 0.8)))
                    $seen = -1
                    while ($seen -lt $target -and $null -ne ($line = $p.StandardOutput.ReadLine())) {
                        if ($line -match '^verbose .* run \d+ started\.$') { $seen = 0 }
                        elseif ($seen -ge 0 -and $line -like 'verbose *') { $seen++ }
                    }
                    Start-Sleep -Milliseconds ($rng.Next(0, 10))
                    if ($p.HasExited) { $p.WaitForExit(); continue }
                    $p.Kill()
                    $p.WaitForExit()
                    $kills[$job]++
                    $run = Get-CommerceJobRun -Store $store -Job $jobNames[$job] -Last 1
                    if ($run -and $run.Status -in 'Running', 'Interrupted' -and $run.RunId -notin $killed) { $midRun[$job]++; $killed += $run.RunId }
                    Write-Verbose "$job kill ${k}: after $seen of ~$($estimate[$job]) chunk lines, run $($run.RunId) $($run.Status)"
                }
                # Rerun the same job to completion: it must finish the work, and show each killed run as Interrupted.
                $r = Wait-Job (Start-Job $jobs[$job])
                if ($r.ExitCode -ne 0) { throw "Rerun of $job failed: $($r.Err)" }
                # The lines between "run N started." and "run N: n processed": one per chunk or step.
                $estimate[$job] = [Math]::Max(1, @($r.Out -split "`n" | Where-Object { $_ -like 'verbose *' }).Count - 3)
                foreach ($id in $killed) {
                    if ((Get-CommerceJobRun -Store $store -RunId $id).Status -ne 'Interrupted') { $notShownInterrupted++ }
                }
                $broken = @(Get-Violations)
                if ($broken) { $violationsAfterRerun += ($broken | Measure-Object Count -Sum).Sum; Write-Warning "After $job in round ${round}: $($broken -join ', ')" }
            }
        }
        Complete-All
        $summary.Kills = ($kills.Values | Measure-Object -Sum).Sum
        $summary.KillsMidRun = ($midRun.Values | Measure-Object -Sum).Sum
        $summary.KillsPerJob = ($kills.Keys | ForEach-Object { "$_=$($kills[$_])" }) -join ', '
        $summary.MidRunPerJob = [pscustomobject]$midRun
        $summary.KilledRunsNotShownInterrupted = $notShownInterrupted
        $summary.ViolationsAfterReruns = $violationsAfterRerun
    }
    'Concurrency' {
        $runs = 0; $failures = @()
        $round = 0
        foreach ($n in $Workers) {
            $round++
            Add-Work -Count $CustomersPerRound -Round $round
            # Same job in every worker, then different jobs at once.
            $plans = @(
                , (@($jobs['P-job']) * $n)
                , (@($jobs['Sync']) * $n)
                , (@($jobs['Orders']) * $n)
                , (@($jobs['Statement']) * $n)
                , (@($jobs['1010']) * $n)
                , @($jobs.Values | Select-Object -First $n))
            foreach ($plan in $plans) {
                $procs = @($plan | ForEach-Object { Start-Job $_ })
                foreach ($p in $procs) {
                    $r = Wait-Job $p
                    $runs++
                    if ($r.ExitCode -ne 0 -or $r.Err -match 'database is locked') { $failures += $r.Err }
                }
            }
        }
        Complete-All
        $summary.ConcurrentRuns = $runs
        $summary.FailedRuns = $failures.Count
        if ($failures) { $summary.FirstFailure = $failures[0] }
    }
    'Busy' {
        # Hold the write lock from another process; a job with a 1 s timeout must fail with StoreBusy, not hang or crash.
        $holder = if ($ConnectionString) {
            Start-Job @"
Get-CommerceStore | Out-Null
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Npgsql' }
`$c = [Activator]::CreateInstance(`$asm.GetType('Npgsql.NpgsqlConnection'), @('$store'))
`$c.Open(); `$cmd = `$c.CreateCommand(); `$cmd.CommandText = "BEGIN; SELECT pg_advisory_xact_lock(hashtext('CommerceSync:' || current_schema()))"; [void]`$cmd.ExecuteNonQuery()
[Console]::Out.WriteLine('locked'); [Console]::Out.Flush()
Start-Sleep -Seconds 20
"@
        }
        else {
            Start-Job @"
`$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' }
if (-not `$asm) { Get-CommerceStore | Out-Null; `$asm = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Microsoft.Data.Sqlite' } }
`$c = [Activator]::CreateInstance(`$asm.GetType('Microsoft.Data.Sqlite.SqliteConnection'), @('Data Source=$store'))
`$c.Open(); `$cmd = `$c.CreateCommand(); `$cmd.CommandText = 'BEGIN IMMEDIATE'; [void]`$cmd.ExecuteNonQuery()
[Console]::Out.WriteLine('locked'); [Console]::Out.Flush()
Start-Sleep -Seconds 20
"@
        }
        while ($null -ne ($line = $holder.StandardOutput.ReadLine()) -and $line -ne 'locked') { }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $waiter = Wait-Job (Start-Job 'try { Invoke-PJob -ErrorAction Stop } catch { [Console]::Out.WriteLine($_.FullyQualifiedErrorId); exit 3 }' @{ COMMERCESYNC_BUSY_TIMEOUT = '1' })
        $clock.Stop()
        $holder.Kill(); $holder.WaitForExit()
        $summary.ErrorId = "$($waiter.Out -split "`n" | Where-Object { $_ -like '*,*' } | Select-Object -First 1)".Trim()
        $summary.Output = ($waiter.Out + $waiter.Err).Trim()
        $summary.Seconds = [Math]::Round($clock.Elapsed.TotalSeconds, 1)
        $summary.ExitCode = $waiter.ExitCode
    }
}

if ($Mode -ne 'Busy') {
    $final = Get-FinalCheck
    foreach ($p in $final.PSObject.Properties) { $summary[$p.Name] = $p.Value }
}
[pscustomobject]$summary
