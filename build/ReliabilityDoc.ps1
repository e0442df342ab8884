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
    ($lines -join "`n") + "`n"
}
