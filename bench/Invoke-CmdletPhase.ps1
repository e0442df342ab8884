# One measured cmdlet phase, run by the benchmark harness in its own pwsh process so its peak working set is its own.
# Times only the pipeline (not pwsh start or Import-Module) and writes a JSON result the harness reads.
# With -LimitSeconds, the pipeline is stopped at the limit the way Ctrl+C stops it (PowerShell.Stop(): the cmdlets' StopProcessing,
# the jobs end between chunks and record their run as Interrupted), and the times so far are reported.
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Store,
    [Parameter(Mandatory)] [ValidateSet('bulk', 'record', 'import', 'importplain', 'importfast', 'orders', 'validation', 'statements')] [string] $Mode,
    [Parameter(Mandatory)] [string] $Result,
    [string] $Csv,
    [double] $LimitSeconds = 0
)

$ErrorActionPreference = 'Stop'
$pipelines = @{
    # Bulk: each job takes the JobRun of the one before ("the records that run produced").
    bulk       = 'Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null'
    # Record: the customers themselves flow through the three stages, a chunk at a time.
    record     = 'Get-AsyncCustomer | Invoke-PJob | Convert-AsyncCustomer | Invoke-Job1010 | Out-Null'
    # A user's import: one row per customer, one address by its parts; two attributes each.
    import     = 'param($Csv) Import-Csv -LiteralPath $Csv | New-AsyncCustomer -Attribute @{ LoyaltyTier = ''Gold''; Visits = 3 } | Out-Null'
    # The same rows, no attributes: through the binder one at a time, and read by Import-AsyncCustomer in C#.
    importplain = 'param($Csv) Import-Csv -LiteralPath $Csv | New-AsyncCustomer | Out-Null'
    importfast = 'param($Csv) Import-AsyncCustomer -LiteralPath $Csv | Out-Null'
    orders     = 'Sync-CommerceOrder -WarningAction SilentlyContinue | Out-Null'
    # Trickle feed (the seed is a new store): validation syncs the async customers the sales reference, posting then takes
    # the valid sales into transactional statements and, with -EndOfDay, the financial statement of each store day.
    validation = 'Invoke-CommerceTransactionValidation | Out-Null'
    statements = 'Invoke-StatementPosting -EndOfDay -WarningAction SilentlyContinue | Out-Null'
}

# The work runs in its own runspace so this script can stop it at the limit and still report.
$runspace = [runspacefactory]::CreateRunspace()
$runspace.Open()
$ps = [powershell]::Create()
$ps.Runspace = $runspace
$null = $ps.AddScript('param($m, $s) $ErrorActionPreference = ''Stop''; Import-Module $m; Connect-CommerceStore -Path $s | Out-Null').AddArgument($Manifest).AddArgument($Store)
$null = $ps.Invoke()
if ($ps.HadErrors) { throw "Setup failed: $($ps.Streams.Error | Select-Object -First 1)" }
$ps.Commands.Clear()
$null = $ps.AddScript('$ErrorActionPreference = ''Stop''').AddStatement().AddScript($pipelines[$Mode])
if ($Mode -like 'import*') { $null = $ps.AddArgument($Csv) }

$started = [datetime]::UtcNow
$sw = [Diagnostics.Stopwatch]::StartNew()
$handle = $ps.BeginInvoke()
$stopped = $false
if ($LimitSeconds -gt 0) {
    if (-not $handle.AsyncWaitHandle.WaitOne([timespan]::FromSeconds($LimitSeconds))) {
        $ps.Stop()
        $stopped = $true
    }
}
try {
    $null = $ps.EndInvoke($handle)
}
catch {
    if (-not $stopped) { throw }
}
$sw.Stop()
$errors = @($ps.Streams.Error)

$me = [Diagnostics.Process]::GetCurrentProcess()
$me.Refresh()
$steps = [ordered]@{}
$counts = [ordered]@{ errors = $errors.Count }
if ($Mode -notlike 'import*') {
    # The runs this process made: their own start and finish give per-job times in bulk mode.
    $ps.Commands.Clear()
    $null = $ps.AddScript('param($since) Get-CommerceJobRun | Where-Object { $_.Started -ge $since } | Sort-Object RunId').AddArgument($started.AddSeconds(-1))
    $runs = @($ps.Invoke())
    $names = @{ 'P-job' = 'P-job'; 'Synchronize customers and channel requests' = 'Sync'; '1010' = '1010'; 'Synchronize orders' = 'Orders'; 'Statement posting' = 'Statements'; 'Validate store transactions' = 'Validation' }
    foreach ($run in $runs) {
        $name = if ($names.ContainsKey($run.Job)) { $names[$run.Job] } else { $run.Job }
        $finished = if ($run.Finished) { $run.Finished } else { [datetime]::UtcNow }
        $steps[$name] = ($finished - $run.Started).TotalSeconds
        $counts[$name] = $run.Processed
        $counts["$name failed"] = $run.Failed
        $counts["$name status $($run.Status)"] = 1
    }
}
$out = [ordered]@{
    phase          = $Mode
    seconds        = $sw.Elapsed.TotalSeconds
    peakWorkingSet = $me.PeakWorkingSet64
    steps          = $steps
    counts         = $counts
    timedOut       = $stopped
}
if ($stopped) { $out.error = "stopped at the time limit ($LimitSeconds s)" }
elseif ($errors.Count -gt 0) { $out.notes = @(@{ name = 'first error'; text = "$($errors[0])" }) }
$out | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $Result -Encoding utf8NoBOM
$runspace.Dispose()
