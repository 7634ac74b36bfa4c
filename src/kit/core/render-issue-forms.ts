/**
 * The issue forms `shipready init --kit` writes (GitHub's YAML issue forms): a bug report and a
 * feature request, each asking for what a maintainer needs to act without a round trip.
 */

export function renderBugReportForm(): string {
  return `name: Bug report
description: Something does not work as documented
title: "[Bug]: "
labels: [bug]
body:
  - type: markdown
    attributes:
      value: Thanks for taking the time to report this. Please search the open issues first.
  - type: textarea
    id: what-happened
    attributes:
      label: What happened?
      description: What you did, what you expected, and what happened instead.
    validations:
      required: true
  - type: textarea
    id: reproduce
    attributes:
      label: Steps to reproduce
      placeholder: |
        1. Run ...
        2. See ...
    validations:
      required: true
  - type: input
    id: version
    attributes:
      label: Version
      description: The version or commit where you saw it.
    validations:
      required: true
  - type: textarea
    id: logs
    attributes:
      label: Logs
      description: Output or error messages, if any. Remove secrets first.
      render: shell
  - type: checkboxes
    id: checks
    attributes:
      label: Before submitting
      options:
        - label: I searched the existing issues and this is not a duplicate.
          required: true
`;
}

export function renderFeatureRequestForm(): string {
  return `name: Feature request
description: Suggest something new or a change to what exists
title: "[Feature]: "
labels: [enhancement]
body:
  - type: textarea
    id: problem
    attributes:
      label: The problem
      description: What are you trying to do, and what stands in the way?
    validations:
      required: true
  - type: textarea
    id: proposal
    attributes:
      label: The proposal
      description: What would you like to happen?
    validations:
      required: true
  - type: textarea
    id: alternatives
    attributes:
      label: Alternatives considered
  - type: dropdown
    id: importance
    attributes:
      label: How important is it to you?
      options:
        - Nice to have
        - Important
        - Blocking
    validations:
      required: true
`;
}
