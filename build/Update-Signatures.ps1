# Writes tests/Pester/signatures.json: every exported cmdlet's parameter sets and parameters. The surface is a promise to
# scripts, so Conventions.Tests.ps1 fails when it changes; run this after a deliberate change and review the diff.
param([switch] $NoWrite)

function Get-CommerceSignature {
    foreach ($cmd in (Get-Command -Module CommerceSync -CommandType Cmdlet | Sort-Object Name)) {
        [ordered]@{
            Name = $cmd.Name
            Sets = @(foreach ($set in ($cmd.ParameterSets | Sort-Object Name)) {
                    [ordered]@{
                        Name = $set.Name
                        Default = $set.IsDefault
                        Parameters = @(foreach ($p in ($set.Parameters | Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters } | Sort-Object Name)) {
                                "$($p.Name):$($p.ParameterType.Name)$(if ($p.IsMandatory) { ':Mandatory' })$(if ($p.Position -ge 0) { ":Position$($p.Position)" })$(if ($p.ValueFromPipeline) { ':ByValue' })$(if ($p.ValueFromPipelineByPropertyName) { ':ByPropertyName' })"
                            })
                    }
                })
        }
    }
}

if (-not $NoWrite) {
    Import-Module (Join-Path $PSScriptRoot '../CommerceSync.psd1') -Force
    Get-CommerceSignature | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath (Join-Path $PSScriptRoot '../tests/Pester/signatures.json')
}
