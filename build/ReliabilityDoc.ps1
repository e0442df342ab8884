# Builds docs/reliability.md from tests/Pester/BadInput.Cases.ps1: the catalogue of bad input and the answer to each.
function ConvertTo-ReliabilityDoc {
    param([Parameter(Mandatory)] [string] $CasesPath)
    $cases = . $CasesPath
    $lines = @(
        '# Reliability: what CommerceSync answers to bad input'
        ''
        'Every row is a test (`tests/Pester/BadInput.Tests.ps1`) run against a fresh store; this page is generated from'
        '`tests/Pester/BadInput.Cases.ps1` by `./build.ps1 Docs`. An error answer is an `ErrorRecord` with the'
        '`FullyQualifiedErrorId` shown (`-ErrorAction Stop` makes it terminating), and the store is left exactly as it was'
        'unless the last column says otherwise. After every case, `Test-CommerceStore` must still report a sound store.'
        ''
        '| Input | Answer | Store changed |'
        '|---|---|---|'
    )
    foreach ($c in $cases) {
        $answer = if ($c['ErrorId']) { '`' + $c['ErrorId'] + '`' } else { 'accepted, stored literally' }
        $changed = if ($c['ChangesStore']) { 'yes (what was valid)' } else { 'no' }
        $lines += "| $($c['Case']) | $answer | $changed |"
    }
    # The tests about what happens next to a store (other programs, files, crashes), listed from the test files themselves.
    $folder = Split-Path $CasesPath
    foreach ($file in 'StoreSafety.Tests.ps1', 'Reliability.Tests.ps1', 'Validation.Tests.ps1', 'Runbook.Tests.ps1') {
        $path = Join-Path $folder $file
        if (-not (Test-Path $path)) { continue }
        $lines += ''
        $lines += "## $(Get-TestFileTitle $file)"
        $lines += ''
        $lines += "Each line is a test in ``tests/Pester/$file``."
        foreach ($d in Get-TestNames $path) {
            $lines += ''
            $lines += "### $($d.Describe)"
            $lines += ''
            foreach ($it in $d.Its) { $lines += "- $it" }
        }
    }
    ($lines -join "`n") + "`n"
}

function Get-TestFileTitle([string] $File) {
    switch ($File) {
        'StoreSafety.Tests.ps1' { 'What users and other programs do next to a store' }
        'Reliability.Tests.ps1' { 'Crashes, concurrent runs, foreign readers, damage' }
        'Validation.Tests.ps1' { 'Values at the edges of the rules, secrets in connection strings' }
        'Runbook.Tests.ps1' { 'Runbooks: failures they see, stores they cannot reach' }
        default { $File }
    }
}

function Get-TestNames([string] $Path) {
    # Describe and It names as written, with an It's <Name> (or first key) filled in from each literal -ForEach case.
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref]$null, [ref]$null)
    $describes = $ast.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'Describe' }, $true)
    foreach ($d in $describes) {
        $its = $d.FindAll({ param($n) $n -is [System.Management.Automation.Language.CommandAst] -and $n.GetCommandName() -eq 'It' }, $true)
        $names = foreach ($it in $its) {
            $title = ($it.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] } | Select-Object -Skip 1 -First 1).Value
            $forEach = $null
            for ($i = 0; $i -lt $it.CommandElements.Count - 1; $i++) {
                $e = $it.CommandElements[$i]
                if ($e -is [System.Management.Automation.Language.CommandParameterAst] -and $e.ParameterName -eq 'ForEach') { $forEach = $it.CommandElements[$i + 1] }
            }
            # The cases themselves, not hashtables inside them (an -Address @{...} in a case).
            $cases = @(if ($forEach) {
                    $forEach.FindAll({ param($n) $n -is [System.Management.Automation.Language.HashtableAst] }, $false) | Where-Object {
                        $p = $_.Parent; $outer = $false
                        while ($p -and $p -ne $forEach) { if ($p -is [System.Management.Automation.Language.HashtableAst]) { $outer = $true }; $p = $p.Parent }
                        -not $outer
                    }
                })
            if ($cases.Count -eq 0 -or $title -notmatch '<\w+>') { $title; continue }
            foreach ($case in $cases) {
                $text = $title
                foreach ($pair in $case.KeyValuePairs) {
                    $key = $pair.Item1.Value
                    $value = $pair.Item2.Extent.Text.Trim("'", '"', ' ')
                    if ($value.StartsWith('{') -or $value.StartsWith('@')) { continue }
                    $text = $text.Replace("<$key>", $value.Replace("''", "'"))
                }
                $text
            }
        }
        [pscustomobject]@{ Describe = ($d.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.StringConstantExpressionAst] } | Select-Object -Skip 1 -First 1).Value; Its = @($names) }
    }
}
