package org.shifo.terminology.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TitleWordsTests {

    @Test
    void cutsTitlesInAnyScriptIntoLowerCaseWordsOnce() {
        assertThat(TitleWords.of("Atopik dermatit, boshqa; Atopik")).containsExactly("atopik", "dermatit", "boshqa");
        assertThat(TitleWords.of("Атопический дерматит (L20.8)"))
                .containsExactly("атопический", "дерматит", "l20", "8");
        // the Uzbek ʻ (U+02BB) and ʼ (U+02BC) are letters: they stay inside the word
        assertThat(TitleWords.of("Oʻpka shamollashi, taʼsir")).containsExactly("oʻpka", "shamollashi", "taʼsir");
        assertThat(TitleWords.of(" -- ")).isEmpty();
    }

    @Test
    void theEndOfAPrefixIsTheNextTextInCodePointOrder() {
        assertThat(TitleWords.after("A0")).isEqualTo("A1");
        assertThat(TitleWords.after("L20.")).isEqualTo("L20/");
        assertThat(TitleWords.after("дерм")).isEqualTo("дерн");
        // a character outside the basic plane is one code point, and the surrogates are stepped over
        assertThat(TitleWords.after("a\uD83D\uDE00")).isEqualTo("a\uD83D\uDE01");
        assertThat(TitleWords.after("a\uD7FF")).isEqualTo("a\uE000");
    }
}
