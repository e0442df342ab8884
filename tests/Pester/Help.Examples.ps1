# Run by Help.Tests.ps1 in a fresh pwsh: every example of every cmdlet page, as a user runs it, each in a fresh store and an
# empty folder, with $ErrorActionPreference = 'Stop', after only what the example's own "# Needs: <command>" lines run.
# An example that says "# Needs <what>: ..." (PostgreSQL, a second process) is skipped, but for PostgreSQL when -Postgres
# gives a server: then its connection strings point there, in a schema of their own. Writes one result per example as JSON.
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $Docs,
    [Parameter(Mandatory)] [string] $WorkFolder,
    [Parameter(Mandatory)] [string] $OutFile,
    # A PostgreSQL connection string (no Search Path) for the examples that need PostgreSQL.
    [string] $Postgres,
    # Every fresh store is a schema on that server instead of a file.
    [switch] $OnPostgres
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Manifest
. (Join-Path $PSScriptRoot '../../build/HelpBuilder.ps1')

function New-FreshStore([string] $Name) {
    if ($OnPostgres) {
        # A schema, so a connection pool, per store: close the idle ones earlier examples left, or the server runs out.
        $npgsql = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Npgsql' } | Select-Object -First 1
        if ($npgsql) { [void]$npgsql.GetType('Npgsql.NpgsqlConnection').GetMethod('ClearAllPools').Invoke($null, @()) }
        $location = "$Postgres;Search Path=e_$([guid]::NewGuid().ToString('N').Substring(0, 20))"
        New-CommerceStore -ConnectionString $location | Out-Null
        Connect-CommerceStore -ConnectionString $location | Out-Null
        return $location
    }
    $path = Join-Path $WorkFolder "$Name.db"
    New-CommerceStore -Path $path | Connect-CommerceStore | Out-Null
    $path
}

$results = foreach ($name in (Import-PowerShellDataFile $Manifest).CmdletsToExport) {
    $page = Join-Path $Docs "$name.md"
    if (-not (Test-Path -LiteralPath $page)) { continue }
    $number = 0
    foreach ($example in (Read-HelpMarkdown -Path $page).Examples) {
        $number++
        $result = [ordered]@{ Name = $name; Title = $example.Title; Outcome = 'Passed'; Reason = $null }
        $code = $example.Code
        $missing = @($example.Requires | Where-Object { -not ($_ -eq 'PostgreSQL' -and $Postgres) })
        if ($missing) {
            $result.Outcome = 'Skipped'; $result.Reason = "it needs $($missing -join ', ')"
        }
        elseif ($OnPostgres -and $name -eq 'Backup-CommerceStore') {
            $result.Outcome = 'Skipped'; $result.Reason = 'it copies store files; on PostgreSQL it is refused (Postgres.Tests.ps1)'
        }
        else {
            if ($example.Requires -contains 'PostgreSQL') {
                $code = $code -replace "'Host=[^']*'", "'$Postgres;Search Path=h_$([guid]::NewGuid().ToString('N').Substring(0, 16))'"
            }
            $folder = New-Item -ItemType Directory -Path (Join-Path $WorkFolder "$name-$number") -Force
            Push-Location $folder
            try {
                $env:COMMERCESYNC_STORE = New-FreshStore "$name-$number"
                # Its own scope, as a user's fresh prompt: what one example defines never reaches the next.
                & {
                    param($HelpExampleNeeds, $HelpExampleCode)
                    foreach ($HelpExampleNeed in $HelpExampleNeeds) { $null = . ([scriptblock]::Create($HelpExampleNeed)) }
                    . ([scriptblock]::Create($HelpExampleCode)) | Out-String -Width 200 | Out-Null
                } $example.Needs $code
            }
            catch {
                $result.Outcome = 'Failed'
                $result.Reason = "$($_.FullyQualifiedErrorId): $_"
            }
            finally {
                Pop-Location
                Disconnect-CommerceStore -ErrorAction SilentlyContinue
            }
        }
        [pscustomobject]$result
    }
}
ConvertTo-Json -InputObject @($results) -Depth 3 | Set-Content -LiteralPath $OutFile
