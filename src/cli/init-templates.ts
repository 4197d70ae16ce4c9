/** The files `lectern init` writes, relative to the project folder. */

const ARTICLE = `---
title: Gradient descent in ten minutes
subtitle: A sample article for Lectern
author: Your Name
---

# The idea

## Why follow the slope

We want the parameters $\\theta$ that make a loss $L(\\theta)$ small. When $L$ is smooth, its
gradient $\\nabla L(\\theta)$ points uphill, so a small step the other way lowers the loss.

- start anywhere: $\\theta_0$;
- step against the gradient, scaled by a learning rate $\\eta > 0$;
- stop when the steps no longer change much.

Note: Ask the audience which way is downhill on a map before showing the formula.

## The update rule

Each step moves the parameters by the negative gradient:

$$
\\theta_{t+1} = \\theta_t - \\eta \\, \\nabla L(\\theta_t)
$$

For the least-squares loss $L(\\theta) = \\tfrac{1}{2n} \\lVert X\\theta - y \\rVert^2$ the gradient is
$\\nabla L(\\theta) = \\tfrac{1}{n} X^\\top (X\\theta - y)$.

::: notes
Too large an $\\eta$ overshoots and diverges; too small a one crawls. Show both.
:::

# In practice

## In code

\`\`\`python
import numpy as np

def gradient_descent(X, y, eta=0.1, steps=100):
    theta = np.zeros(X.shape[1])
    for _ in range(steps):
        grad = X.T @ (X @ theta - y) / len(y)
        theta -= eta * grad
    return theta
\`\`\`

## What to remember

1. The gradient says which way is uphill; step the other way.
2. The learning rate $\\eta$ trades speed for stability.
3. Stop when the loss stops falling.
`;

const CONFIG = `# yaml-language-server: $schema=./node_modules/lectern/schema/lectern.schema.json
#
# Lectern's settings for this folder and the folders below it. A flag on the command line
# overrides a setting here; an article's front matter (theme, prose, fragments, dialect, tab)
# overrides it for that deck. Paths are relative to this file. Every key:
# node_modules/lectern/schema/lectern.schema.json, or \`lectern build --help\`.

# the articles (files or folders) that \`lectern build\` and \`lectern serve\` read when given none
paths: slides
# each deck goes to <out>/<name>/, with the course page <out>/index.html
out: dist
theme: default
# pdf: true            # also print <out>/<name>/<name>.pdf (needs Chrome or Chromium)
# handouts: [notes, 3] # handouts beside the PDF
# title: My course     # the title of the course page
# prose: lead          # talk mode: long paragraphs show their lead sentence
`;

const WORKFLOW = `# Builds every deck in slides/ and its PDF, and keeps them as an artifact of the run.
name: slides

on:
  push:
    branches: [main]
  pull_request:
  workflow_dispatch:

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      # with a package.json that lists lectern: npm ci
      - run: npm install --no-save lectern
      # GitHub's Ubuntu runners ship Google Chrome, which Lectern finds by itself (or set
      # CHROME_PATH). Ubuntu 24.04 keeps Chrome's sandbox from starting: allow it.
      - run: echo 0 | sudo tee /proc/sys/kernel/apparmor_restrict_unprivileged_userns
      - run: npx lectern build slides --out dist --pdf
      - uses: actions/upload-artifact@v4
        with:
          name: slides
          path: dist
`;

export const INIT_FILES: readonly { path: string; text: string }[] = [
  { path: "slides/welcome.md", text: ARTICLE },
  { path: "lectern.config.yaml", text: CONFIG },
  { path: ".github/workflows/slides.yml", text: WORKFLOW },
];

/** What `init` prints after writing: the next commands. */
export const NEXT_STEPS = `Next:
  npx lectern build            # every article in slides/ → dist/<name>/ (and dist/index.html)
  npx lectern serve --open     # present with live reload
  # in package.json: "scripts": { "slides": "lectern build --pdf" }
`;
